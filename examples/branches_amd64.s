// Labels and branches. A label names the next instruction and is local to its function
// (the same name may appear in two functions). The listing prints a branch's target as the
// pc it lands on. Branches are encoded short (2 bytes, an 8-bit displacement) when the
// target is within -128..127 bytes, else near (JMP 5 bytes, Jcc 6 bytes); the assembler
// sizes them all, repeating until nothing changes. n(PC) is a branch relative to the
// current instruction: 2(PC) is two instructions further on, -1(PC) the one before.

#include "textflag.h"

// Forward and backward short branches.
TEXT ·max(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	CMPQ AX, BX
	JGE done
	MOVQ BX, AX
done:
	MOVQ AX, ret+16(FP)
	RET

// A loop whose body is longer than 127 bytes: the backward JNE and the forward JEQ over
// the body need the near form.
TEXT ·longLoop(SB), NOSPLIT, $0-16
	MOVQ n+0(FP), CX
	XORQ AX, AX
	TESTQ CX, CX
	JEQ out
again:
	ADDQ $0x11111111, AX
	ADDQ $0x22222222, AX
	ADDQ $0x33333333, AX
	ADDQ $0x44444444, AX
	ADDQ $0x55555555, AX
	ADDQ $0x66666666, AX
	ADDQ $0x77777777, AX
	ADDQ $0x11111111, AX
	ADDQ $0x22222222, AX
	ADDQ $0x33333333, AX
	ADDQ $0x44444444, AX
	ADDQ $0x55555555, AX
	ADDQ $0x66666666, AX
	ADDQ $0x77777777, AX
	ADDQ $0x11111111, AX
	ADDQ $0x22222222, AX
	ADDQ $0x33333333, AX
	ADDQ $0x44444444, AX
	ADDQ $0x55555555, AX
	ADDQ $0x66666666, AX
	ADDQ $0x77777777, AX
	ADDQ $0x11111111, AX
	DECQ CX
	JNE again
out:
	MOVQ AX, ret+8(FP)
	RET

// Just under the short limit: a body that keeps the short form.
TEXT ·shortLoop(SB), NOSPLIT, $0-16
	MOVQ n+0(FP), CX
	XORQ AX, AX
again:
	ADDQ $0x11111111, AX
	ADDQ $0x22222222, AX
	ADDQ $0x33333333, AX
	ADDQ $0x44444444, AX
	ADDQ $0x55555555, AX
	ADDQ $0x66666666, AX
	ADDQ $0x77777777, AX
	ADDQ $0x11111111, AX
	ADDQ $0x22222222, AX
	ADDQ $0x33333333, AX
	ADDQ $0x44444444, AX
	ADDQ $0x55555555, AX
	ADDQ $0x66666666, AX
	ADDQ $0x77777777, AX
	ADDQ $0x11111111, AX
	ADDQ $0x22222222, AX
	ADDQ $0x33333333, AX
	ADDQ $0x44444444, AX
	ADDQ $0x55555555, AX
	ADDQ $0x66666666, AX
	DECQ CX
	JNE again
	MOVQ AX, ret+8(FP)
	RET

// n(PC) branches: skip the next instruction, and a two-instruction spin.
TEXT ·relative(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	TESTQ AX, AX
	JNE 2(PC)
	INCQ AX
	MOVQ AX, ret+8(FP)
	MOVQ $3, CX
	DECQ CX
	JNE -1(PC)
	RET

// The same label names in another function, and every condition code.
TEXT ·conditions(SB), NOSPLIT, $0-8
	MOVQ x+0(FP), AX
	CMPQ AX, $1
done:
	JEQ done
	JNE done
	JLT done
	JLE done
	JGT done
	JGE done
	JCS done
	JCC done
	JLS done
	JHI done
	JMI done
	JPL done
	JOS done
	JOC done
	JPS done
	JPC done
	JCXZQ done
	RET

// JMP to a label before its definition and an unconditional backward JMP.
TEXT ·jumps(SB), NOSPLIT, $0-0
	JMP second
first:
	RET
second:
	NOP
	JMP first

// A function with a frame and a stack check: branch targets move past the prologue.
TEXT ·withFrame(SB), $8-8
	MOVQ x+0(FP), AX
loop:
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	MOVQ 0(SP), AX
	DECQ AX
	JNE loop
	RET
