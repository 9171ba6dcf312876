// A breakpoint with no debugger attached: "SIGTRAP: trace trap", the pc after the
// instruction, every goroutine at traceback level 2 and the registers.
#include "textflag.h"

TEXT ·main(SB), $0-0
	INT $3
	RET
