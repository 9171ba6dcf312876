// The introductory pair, run: printnl_nosplit never checks the stack, printnl does (and
// would call runtime·morestack_noctxt if its frame did not fit). main prints how far below
// g.stack.hi each one's SP is: both frames are 16 bytes ($8 plus the saved BP).
//
//     bin/goasm run examples/run/printnl_amd64.s
#include "textflag.h"
#include "funcdata.h"

GLOBL ·depth(SB), NOPTR, $8

// Never checks the stack: the function promises that its 16-byte frame fits.
// go: func printnl_nosplit()
TEXT ·printnl_nosplit(SB), NOSPLIT, $8
	MOVQ (TLS), CX
	MOVQ 8(CX), AX
	SUBQ SP, AX
	MOVQ AX, ·depth(SB)
	CALL runtime·printnl(SB)
	RET

// Checks the stack first, since it calls another function.
// go: func printnl()
TEXT ·printnl(SB), $8
	NO_LOCAL_POINTERS
	MOVQ (TLS), CX
	MOVQ 8(CX), AX
	SUBQ SP, AX
	MOVQ AX, ·depth(SB)
	CALL runtime·printnl(SB)
	RET

TEXT ·main(SB), $8-0
	NO_LOCAL_POINTERS
	CALL ·printnl_nosplit(SB)
	MOVQ ·depth(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL ·printnl(SB)
	MOVQ ·depth(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
