// A jump into rodata, which Go maps without execute permission: SIGSEGV code=0x2 at the
// jump's target, "fatal error: fault"; the traceback shows main.main's caller chain.
#include "textflag.h"

DATA ·ro+0(SB)/8, $0
GLOBL ·ro(SB), RODATA, $8

TEXT ·main(SB), NOSPLIT, $0-0
	LEAQ ·ro(SB), AX
	JMP AX
