// A frame with locals and no locals pointer map (no NO_LOCAL_POINTERS) on the stack when it
// grows: copystack cannot know which words to adjust, which Go reports as
// "fatal error: missing stackmap".
#include "textflag.h"
#include "funcdata.h"

// go: func deep(n int)
TEXT ·deep(SB), $64-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	TESTQ AX, AX
	JEQ done
	DECQ AX
	MOVQ AX, 0(SP)
	CALL ·deep(SB)
done:
	RET

// go: func untyped()
TEXT ·untyped(SB), $32-0
	MOVQ $1, 8(SP)
	MOVQ $500, 0(SP)
	CALL ·deep(SB)
	RET

TEXT ·main(SB), $0-0
	CALL ·untyped(SB)
	MOVQ $7, AX
	RET
