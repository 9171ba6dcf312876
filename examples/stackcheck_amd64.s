// The three shapes of the stack-split check at a function's entry. The check loads g
// (MOVQ (TLS), R14), compares the stack pointer with g.stackguard0 at 16(R14) and, when the
// stack is too small, jumps to a call of runtime·morestack_noctxt at the end of the
// function, which grows the stack and jumps back to the entry. The frame size that picks
// the shape includes the 8 bytes of the saved BP:
//   - frame <= 128 (StackSmall): CMPQ SP, 16(R14) directly, since the guard leaves
//     128 bytes of slack below stackguard0;
//   - frame <= 4096 (StackBig): LEAQ -(frame-128)(SP), R12; CMPQ R12, 16(R14);
//   - larger: MOVQ SP, R12; SUBQ $(frame-128), R12; JCS to morestack (the subtraction
//     wrapped around below zero); CMPQ R12, 16(R14).
// NEEDCTXT (the function uses the closure context in DX) calls runtime·morestack instead,
// which saves DX for it.

#include "textflag.h"

// $120 + 8 = 128: the largest small frame.
TEXT ·small(SB), $120-0
	CALL runtime·printnl(SB)
	RET

// $128 + 8 = 136: the smallest big frame.
TEXT ·big(SB), $128-0
	CALL runtime·printnl(SB)
	RET

// $4088 + 8 = 4096: the largest big frame.
TEXT ·bigLimit(SB), $4088-0
	CALL runtime·printnl(SB)
	RET

// $4096 + 8 = 4104: needs the wrap-around guard.
TEXT ·huge(SB), $4096-0
	CALL runtime·printnl(SB)
	RET

// A 1 MB frame: the same shape as huge, with larger numbers.
TEXT ·enormous(SB), $1048576-8
	MOVQ x+0(FP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	RET

// A closure body: morestack instead of morestack_noctxt, so DX survives the stack growth.
TEXT ·closure(SB), NEEDCTXT, $8-0
	MOVQ 8(DX), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	RET

// NEEDCTXT with a big frame.
TEXT ·closureBig(SB), NEEDCTXT, $256-0
	MOVQ 8(DX), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	RET
