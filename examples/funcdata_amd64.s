// FUNCDATA and PCDATA written by hand. The garbage collector needs to know which words of
// a function's arguments and locals hold pointers.
//   - To every ABI0 function of the package being assembled (·name, not runtime·name) the
//     assembler itself adds FUNCDATA $5 (ArgInfo) and FUNCDATA $0 (ArgsPointerMaps),
//     pointing at "".name.arginfo0 and "".name.args_stackmap (maps that the compiler makes
//     from the Go declaration), unless the source already has a FUNCDATA of that number.
//   - GO_ARGS from funcdata.h is FUNCDATA $0, go_args_stackmap(SB); the assembler renames
//     go_args_stackmap to "".name.args_stackmap.
//   - NO_LOCAL_POINTERS is FUNCDATA $1, no_pointers_stackmap(SB): the frame holds no
//     pointers. The assembler replaces no_pointers_stackmap by a content-named read-only
//     symbol gclocals·<hash> holding an empty map, listed after the functions.
//   - GO_RESULTS_INITIALIZED (PCDATA $1, $1) marks the point after which the results are
//     live.

#include "textflag.h"
#include "funcdata.h"

// The usual pattern for a function with a frame that calls out.
TEXT ·noLocalPointers(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	RET

// GO_ARGS: the argument map comes from the Go declaration (go_args_stackmap).
TEXT ·goArgs(SB), NOSPLIT, $0-16
	GO_ARGS
	MOVQ p+0(FP), AX
	MOVQ AX, ret+8(FP)
	RET

// GO_RESULTS_INITIALIZED after the results are written, before a call.
TEXT ·resultsInitialized(SB), $8-16
	NO_LOCAL_POINTERS
	MOVQ $0, ret+8(FP)
	GO_RESULTS_INITIALIZED
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	RET

// FUNCDATA and PCDATA with plain numbers, as the macros expand to.
TEXT ·plainNumbers(SB), $8-8
	FUNCDATA $0, ·plainNumbers_args(SB)
	FUNCDATA $1, runtime·no_pointers_stackmap(SB)
	PCDATA $0, $-2
	MOVQ x+0(FP), AX
	PCDATA $0, $-1
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	RET

// No arguments: the automatic FUNCDATA is added all the same.
TEXT ·noArgs(SB), NOSPLIT, $0-0
	RET

// A runtime· function is not in the package being assembled: nothing is added.
TEXT runtime·notOurs(SB), NOSPLIT, $0-8
	MOVQ $0, ret+0(FP)
	RET

// An explicit ArgInfo keeps the automatic one out; ArgsPointerMaps is still added.
TEXT ·ownArgInfo(SB), NOSPLIT, $0-8
	FUNCDATA $5, ·ownArgInfo_info(SB)
	MOVQ $0, ret+0(FP)
	RET
