// A call through a nil function pointer: the nil-dereference panic, whose traceback shows the
// caller at the return address the call pushed (Go's sigpanic pretends the caller faulted there).
#include "textflag.h"

// go: func callnil()
TEXT ·callnil(SB), $0-0
	MOVQ $0, AX
	CALL AX
	RET

TEXT ·main(SB), $0-0
	CALL ·callnil(SB)
	RET
