// A store into the program's own text, which Go maps read+execute: SIGSEGV code=0x2 at the
// function's first byte, "fatal error: fault".
#include "textflag.h"

TEXT ·main(SB), $0-0
	LEAQ ·main(SB), AX
	MOVB $0x90, (AX)
	RET
