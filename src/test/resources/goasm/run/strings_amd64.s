// String instructions with REP, SSE2 byte search, and a string printed from data.
#include "textflag.h"

DATA text<>+0(SB)/8, $"the quic"
DATA text<>+8(SB)/8, $"k brown "
DATA text<>+16(SB)/8, $"fox jump"
DATA text<>+24(SB)/8, $"s over\n\x00"
GLOBL text<>(SB), RODATA, $32
GLOBL buf<>(SB), NOPTR, $64
DATA os<>+0(SB)/8, $"oooooooo"
DATA os<>+8(SB)/8, $"oooooooo"
GLOBL os<>(SB), RODATA, $16

TEXT ·main(SB), $24-0
	// Copy the text into buf with REP MOVSB and print the copy.
	LEAQ text<>(SB), SI
	LEAQ buf<>(SB), DI
	MOVQ $31, CX
	CLD
	REP; MOVSB
	LEAQ buf<>(SB), AX
	MOVQ AX, 0(SP)
	MOVQ $31, 8(SP)
	CALL runtime·printstring(SB)
	// Fill 4 quadwords with a pattern and print the last one.
	LEAQ buf<>+32(SB), DI
	MOVQ $0x2a2a2a2a2a2a2a2a, AX
	MOVQ $4, CX
	REP; STOSQ
	MOVQ buf<>+56(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·printhex(SB)
	CALL runtime·printnl(SB)
	// Index of the first 'o' in the first 16 bytes, the SSE2 way.
	MOVOU os<>(SB), X1
	MOVOU text<>(SB), X2
	PCMPEQB X1, X2
	PMOVMSKB X2, AX
	MOVQ AX, 16(SP)
	MOVQ AX, 0(SP)
	CALL runtime·printhex(SB)
	CALL runtime·printsp(SB)
	MOVQ 16(SP), AX
	BSFQ AX, AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	// REPN SCASB: where is the newline?
	LEAQ text<>(SB), DI
	MOVQ $32, CX
	MOVB $10, AL
	REPN; SCASB
	LEAQ text<>(SB), AX
	SUBQ AX, DI
	MOVQ DI, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
