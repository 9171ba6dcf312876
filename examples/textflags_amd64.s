// TEXT flags from textflag.h and what each one changes in the output:
//   - WRAPPER: the function is a method wrapper; after the frame is set up it checks
//     g._panic and, when a panic's argp points at this wrapper's arguments, moves argp to
//     the wrapper's frame (so recover works through the wrapper). The check goes at the
//     end of the function, out of the straight path. With NOSPLIT there is no stack check
//     to load g, so g is loaded just for the wrapper code.
//   - NOFRAME: no frame at all, even with a call and a frame size of 0: no BP save.
//   - TOPFRAME: the outermost frame of a stack (like runtime·goexit); the header says
//     "topframe", the code is unchanged.
//   - DUPOK: the linker may see this symbol more than once and keeps one copy; shown in
//     the listing's header as "dupok".
//   - NOPROF: not profiled; it changes nothing that the listing shows.
// Wrappers also get funcid=0x15 (wrapper) in the header.
// Flags combine with |, or are given as a number.

#include "textflag.h"

// A wrapper with a stack check: g is already in R14 from the check.
TEXT ·wrapper(SB), WRAPPER, $8-8
	MOVQ recv+0(FP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	RET

// A NOSPLIT wrapper: g is loaded only for the panic check.
TEXT ·wrapperNosplit(SB), NOSPLIT|WRAPPER, $0-8
	MOVQ recv+0(FP), AX
	RET

// A wrapper with a frame and NOSPLIT, returning from two places.
TEXT ·wrapperTwoReturns(SB), NOSPLIT|WRAPPER, $16-16
	MOVQ x+0(FP), AX
	TESTQ AX, AX
	JNE nonzero
	MOVQ $-1, ret+8(FP)
	RET
nonzero:
	MOVQ AX, ret+8(FP)
	RET

// NOFRAME: the call is made without any frame of our own.
TEXT ·noframe(SB), NOSPLIT|NOFRAME, $0-0
	CALL runtime·printnl(SB)
	RET

// NOFRAME with a frame size: the frame is allocated, but no BP is saved in it.
TEXT ·noframeLocals(SB), NOSPLIT|NOFRAME, $16-0
	MOVQ $1, 0(SP)
	MOVQ $2, 8(SP)
	CALL runtime·printnl(SB)
	RET

// TOPFRAME: the stack ends here for unwinders.
TEXT ·topframe(SB), NOSPLIT|TOPFRAME, $0-0
	BYTE $0x90
	CALL runtime·printnl(SB)
	RET

// DUPOK: several object files may define the same function.
TEXT ·dupok(SB), DUPOK|NOSPLIT, $0-8
	MOVQ $42, ret+0(FP)
	RET

// NOPROF, and flags written as a number (NOSPLIT|NOPROF = 5).
TEXT ·noprof(SB), 5, $0-0
	RET
