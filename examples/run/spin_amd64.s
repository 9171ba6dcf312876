// A program that runs until it is stopped: main starts a goroutine that waits on a semaphore
// forever, prints 1, then loops forever. Ctrl-\ (SIGQUIT) prints every goroutine's traceback
// as Go does and exits with status 2.
//
//     bin/goasm run examples/run/spin_amd64.s        (then Ctrl-\, or kill -QUIT)
#include "textflag.h"
#include "funcdata.h"

GLOBL ·sema(SB), NOPTR, $8
DATA ·waiterfv+0(SB)/8, $·waiter(SB)
GLOBL ·waiterfv(SB), RODATA, $8

// go: func waiter()
TEXT ·waiter(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	RET

// go: func spin()
TEXT ·spin(SB), NOSPLIT, $0-0
again:
	JMP again

TEXT ·main(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·waiterfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB) // newproc(fn) as Go 1.17 on has it; 1.15 takes (siz, fn): README
	CALL runtime·Gosched(SB)
	MOVQ $1, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	CALL ·spin(SB)
	RET
