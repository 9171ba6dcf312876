// A store into a RODATA symbol: Go maps rodata read-only, so the store faults with
// SEGV_ACCERR (code=0x2) and the runtime throws "fatal error: fault". The store is one call
// deep, so the traceback shows two program frames.
#include "textflag.h"

DATA ·ro+0(SB)/8, $1
GLOBL ·ro(SB), RODATA, $8

// go: func poke()
TEXT ·poke(SB), NOSPLIT, $0-0
	MOVQ $2, ·ro(SB)
	RET

TEXT ·main(SB), $0-0
	CALL ·poke(SB)
	RET
