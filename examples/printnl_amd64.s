// The pair of functions from the introduction to Go's stack frames: the same body, once with
// NOSPLIT and once without. Compare the two listings:
//   - both frames grow from $8 to $16: the assembler saves the caller's BP in the extra
//     8 bytes (MOVQ BP, 8(SP); LEAQ 8(SP), BP) and restores it before RET;
//   - only the second gets the stack-split check at its entry (MOVQ (TLS), R14;
//     CMPQ SP, 16(R14); JLS ...) and the call to runtime·morestack_noctxt at its end;
//   - with no argument size given, the listing shows args=0xffffffff80000000 (unknown).

#include "textflag.h"

// Never checks the stack: the function promises that its 16-byte frame fits.
TEXT ·printnl_nosplit(SB), NOSPLIT, $8
	CALL runtime·printnl(SB)
	RET

// Checks the stack first, since it calls another function.
TEXT ·printnl(SB), $8
	CALL runtime·printnl(SB)
	RET
