// A tour of the general-purpose amd64 instructions in Go's syntax. Operands go source
// first, destination last; the size is in the mnemonic (B, W, L, Q for 8, 16, 32, 64
// bits). Every function here is NOSPLIT with a $0 frame, so the assembler inserts nothing
// around the bodies (the instructions are not meant to be run). Worth noticing in the
// listing: immediates print in decimal, R8 as a byte register prints as R8B, NOP encodes to
// no bytes at all, and an indirect CALL gets a zero-size relocation (t=10, R_CALLIND).

#include "textflag.h"

TEXT ·alu(SB), NOSPLIT, $0-0
	ADDQ $1, AX
	ADDL $-1, BX
	ADDW $0x1234, CX
	ADDB $7, DL
	ADCQ R8, R9
	SUBQ $1000, SI
	SBBL DI, R10
	ANDQ $0xff, R11
	ORL (AX), R12
	XORQ R13, R13
	CMPQ AX, $-128
	CMPB (SI), $'a'
	TESTL $0x80000000, R15
	TESTB AL, AL
	NEGQ AX
	NOTL BX
	INCW CX
	DECB DL
	RET

TEXT ·moves(SB), NOSPLIT, $0-0
	MOVQ $0, AX
	MOVQ $-1, BX
	MOVL $0xffffffff, CX
	MOVQ $0x123456789a, DX
	MOVQ R8, 16(SI)(DI*4)
	MOVL 8(R12), R13
	MOVW R9, (R14)
	MOVB $1, 3(R15)
	MOVBQZX (AX), BX
	MOVBLSX CL, DX
	MOVWLZX (SI), DI
	MOVWQSX R8, R9
	MOVLQSX R10, R11
	MOVLQZX 4(SP), AX
	LEAQ 8(AX)(BX*2), CX
	LEAL -4(DX), SI
	RET

TEXT ·shifts(SB), NOSPLIT, $0-0
	SHLQ $3, AX
	SHRL $1, BX
	SARQ CX, DX
	ROLL $8, SI
	RORQ $1, DI
	RCLB $1, R8
	SHLQ $4, R9, R10
	SHRQ CX, R11, R12
	BSWAPQ R13
	BSWAPL R14
	RET

TEXT ·multiply(SB), NOSPLIT, $0-0
	MULQ BX
	IMULQ CX
	IMULQ DX, SI
	IMULL $10, DI
	IMUL3Q $100, R8, R9
	DIVQ R10
	IDIVL R11
	CQO
	CDQ
	CWD
	RET

TEXT ·conditional(SB), NOSPLIT, $0-0
	CMPQ AX, BX
	SETEQ CL
	SETNE DL
	SETLT (SI)
	SETHI R8
	SETCS R9
	CMOVQEQ BX, AX
	CMOVLGT CX, DX
	CMOVQCC (DI), R10
	CMOVWHI R11, R12
	RET

TEXT ·bits(SB), NOSPLIT, $0-0
	BTQ $3, AX
	BTL CX, DX
	BTSQ $63, BX
	BTRL $0, SI
	BTCQ R8, R9
	BSFQ AX, CX
	BSRL DX, SI
	POPCNTQ DI, R8
	RET

TEXT ·atomics(SB), NOSPLIT, $0-0
	XCHGQ AX, (BX)
	XCHGL CX, DX
	LOCK
	XADDQ AX, (BX)
	LOCK
	XADDL CX, 4(DX)
	LOCK
	CMPXCHGQ CX, (SI)
	LOCK
	CMPXCHGL DX, (DI)
	LOCK
	ORQ $1, (R8)
	LOCK
	INCL (R9)
	MFENCE
	RET

TEXT ·stack(SB), NOSPLIT, $0-0
	PUSHQ AX
	PUSHQ $7
	PUSHW BX
	PUSHFQ
	POPFQ
	POPW BX
	POPQ CX
	POPQ AX
	RET

TEXT ·callForms(SB), NOSPLIT, $0-0
	CALL AX
	CALL (BX)
	CALL 8(CX)
	CALL ·alu(SB)
	JMP DX
	JMP (SI)
	RET

TEXT ·raw(SB), NOSPLIT, $0-0
	NOP
	BYTE $0x90
	WORD $0x9066
	LONG $0x00401f0f
	QUAD $0x0000000000841f0f
	BYTE $0x0f; BYTE $0x0b
	RET
