// Tight integer loop for the guest instructions/second figure in docs/PERFORMANCE.md:
// 5 instructions per iteration, 100 million iterations.
TEXT ·main(SB), $8-0
	MOVQ $0, AX
	MOVQ $0, CX
loop:
	ADDQ CX, AX
	XORQ $3, AX
	INCQ CX
	CMPQ CX, $100000000
	JLT loop
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
