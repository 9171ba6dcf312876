// goasm-flags: -dynlink
//
// With -dynlink, a global may live in another shared library, so the assembler reaches every
// global through the GOT and uses R15 as scratch: each access below becomes a NOP (the
// original instruction), a MOVQ of the GOT entry into R15, and the access through (R15).
// Addresses taken with LEAQ or $sym load the GOT entry straight into the destination.
// Constants made by the assembler ($f64.*) are local and need no GOT.

#include "textflag.h"

// func copyCounter() int64
TEXT ·copyCounter(SB), NOSPLIT, $0-8
	MOVQ ·counter(SB), AX        // MOVQ "".counter@GOT(SB), R15; MOVQ (R15), AX
	MOVQ AX, ·shadow+8(SB)       // the offset stays on the access: MOVQ AX, 8(R15)
	LEAQ ·counter+16(SB), BX     // MOVQ "".counter@GOT(SB), BX; LEAQ 16(BX), BX
	MOVQ $·counter(SB), CX       // MOVQ "".counter@GOT(SB), CX
	CMPL runtime·writeBarrier(SB), $0
	ADDQ ·counter(SB), AX
	MOVSD $(1.5), X0             // $f64.3ff8000000000000 is local: no GOT
	MOVQ AX, ret+0(FP)
	RET

GLOBL ·counter(SB), NOPTR, $8
GLOBL ·shadow(SB), NOPTR, $16
