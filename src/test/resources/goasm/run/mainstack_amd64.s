// The main goroutine's stack when main.main starts: g.stack.hi - g.stack.lo and g.stack.hi - SP,
// read before any call (a print helper could grow the stack). newproc gives the main goroutine
// the minimum stack; from Go 1.27 the runtime's own initialisation has grown it once.
#include "textflag.h"
#include "funcdata.h"

TEXT ·main(SB), $16-0
	NO_LOCAL_POINTERS
	MOVQ (TLS), CX
	MOVQ 8(CX), AX
	SUBQ 0(CX), AX
	MOVQ 8(CX), BX
	SUBQ SP, BX
	MOVQ BX, 8(SP)
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printsp(SB)
	MOVQ 8(SP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
