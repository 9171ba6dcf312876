// Two 1.5 GB zeroed globals and a store 600 MB into the second: the store's 32-bit
// PC-relative displacement cannot reach it. Go's linker refuses the program ("pc-relative
// relocation address for main.big2 is too big"; from 1.21 also "too much data"), so goasm run
// refuses it at link time, before running anything.
#include "textflag.h"

GLOBL ·big1(SB), NOPTR, $1610612736
GLOBL ·big2(SB), NOPTR, $1610612736

TEXT ·main(SB), $0-0
	MOVQ $1, ·big1(SB)
	MOVQ $2, ·big2+600000000(SB)
	RET
