// More arguments than fit in a minimum stack: Go 1.15's newproc1 refuses them with
// "newproc: function arguments too large for new goroutine".
#include "textflag.h"
#include "funcdata.h"

DATA ·fnfv+0(SB)/8, $·fn(SB)
GLOBL ·fnfv(SB), RODATA, $8

// go: func fn()
TEXT ·fn(SB), $0-0
	RET

TEXT ·main(SB), $16-0
	NO_LOCAL_POINTERS
	MOVL $2008, 0(SP)
	LEAQ ·fnfv(SB), AX
	MOVQ AX, 8(SP)
	CALL runtime·newproc(SB)
	RET
