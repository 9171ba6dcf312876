// The undefined instruction: "SIGILL: illegal instruction" with the 16 instruction bytes at
// the pc, the traceback and the registers.
#include "textflag.h"

TEXT ·main(SB), $0-0
	MOVQ $1, AX
	UD2
	RET
