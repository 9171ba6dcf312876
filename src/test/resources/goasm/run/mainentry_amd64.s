// The main goroutine's depth in main.main, g.stack.hi - SP after its prologue: the 40 bytes
// newproc leaves at the top (4 words and goexit's return address), runtime.main's frame and the
// return address of its call, from Go 1.17 the ABI wrapper's return address (and from 1.21 the BP
// it saves), and from 1.21 the BP main.main's own prologue saves (a frameless function that calls).
// Go 1.15: 40+0x50+8 = 128; 1.19: 40+0x58+8+8 = 144; 1.21: 40+0x98+8+8+8+8 = 224;
// 1.22-1.24: 40+0x88+32 = 208; 1.26: 40+0x90+32 = 216; 1.27: 40+0x120+32 = 360.
#include "textflag.h"

TEXT ·main(SB), NOSPLIT, $0-0
	MOVQ (TLS), CX
	MOVQ 8(CX), AX
	SUBQ SP, AX
	PUSHQ AX
	CALL runtime·printint(SB)
	POPQ AX
	CALL runtime·printnl(SB)
	RET
