// goasm-flags: -compiling-runtime
//
// ABIInternal, the register-based calling convention, may only be named by the runtime
// and a few packages close to it, so this file must be assembled with -compiling-runtime:
//   go tool asm -compiling-runtime -S -I $GOROOT/pkg/include -o x.o abiinternal_amd64.s
// Without it, every <ABIInternal> is an error ("ABI selector only permitted when compiling
// runtime"). An assembly function declared ABIInternal must also be NOSPLIT (the assembler
// cannot build its morestack path without the Go signature), so it never gets a stack
// check. What changes is how g is found: ABIInternal code receives g in R14 already, so a
// WRAPPER's panic check uses R14 as it comes, while an ABI0 wrapper loads it from TLS.

#include "textflag.h"

// add(a, b int) int with register arguments: a in AX, b in BX, the result in AX.
TEXT ·addRegs<ABIInternal>(SB), NOSPLIT, $0-24
	ADDQ BX, AX
	RET

// A call between ABIInternal functions, with a frame (and so a saved BP).
TEXT ·addTwice<ABIInternal>(SB), NOSPLIT, $16-24
	MOVQ BX, saved-8(SP)
	CALL ·addRegs<ABIInternal>(SB)
	MOVQ saved-8(SP), BX
	ADDQ BX, AX
	RET

// A wrapper in ABIInternal: no MOVQ (TLS), R14 before the panic check.
TEXT ·wrapperRegs<ABIInternal>(SB), NOSPLIT|WRAPPER, $0-8
	INCQ AX
	RET

// The same wrapper in ABI0, for comparison: g is loaded from TLS first.
TEXT ·wrapperStack(SB), NOSPLIT|WRAPPER, $0-8
	INCQ x+0(FP)
	RET

// An ABI0 function calling an ABIInternal one by its explicit ABI.
TEXT ·callRegs(SB), $8-24
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	CALL ·addRegs<ABIInternal>(SB)
	MOVQ AX, ret+16(FP)
	RET
