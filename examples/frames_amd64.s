// Frame size adjustment for the saved BP. The assembler adds 8 bytes to a function's frame
// to save the caller's BP, except when the frame would stay empty anyway:
//   - frame $0 without calls (a leaf): no BP save, no frame at all;
//   - frame $0 with NOSPLIT: no BP save either, even with a call (runtime-internal style);
//   - frame $0 with a call and without NOSPLIT: the frame becomes $8, just the saved BP;
//   - frames $8, $16 and $24: they become $16, $24 and $32; the BP is saved at the top.
// The TEXT line of the listing shows the adjusted size.

#include "textflag.h"

// $0, no call: the frame stays empty and no BP is saved.
TEXT ·leafZero(SB), $0-16
	MOVQ x+0(FP), AX
	MOVQ AX, ret+8(FP)
	RET

// $0 with a call, NOSPLIT: still no frame.
TEXT ·callZeroNosplit(SB), NOSPLIT, $0-0
	CALL runtime·printnl(SB)
	RET

// $0 with a call: an 8-byte frame holds the saved BP.
TEXT ·callZero(SB), $0-0
	CALL runtime·printnl(SB)
	RET

// $8 becomes $16.
TEXT ·frame8(SB), $8-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	RET

// $16 becomes $24: frames need not be 16-byte aligned on amd64 in Go's ABI0.
TEXT ·frame16(SB), $16-0
	MOVQ $1, 0(SP)
	MOVQ $2, 8(SP)
	CALL runtime·printnl(SB)
	RET

// $24 becomes $32; locals are addressed from the top of the frame with name-off(SP).
TEXT ·frame24(SB), $24-8
	MOVQ x+0(FP), AX
	MOVQ AX, tmp-8(SP)
	MOVQ tmp-8(SP), BX
	MOVQ BX, 0(SP)
	CALL runtime·printint(SB)
	RET
