// A store-heavy loop for the cost of memory protection: each iteration writes a data (bss)
// word and a stack word and reads one back, 100,000,000 times (800,000,017 instructions).
//
//     java -XX:+UseSerialGC -jar target/goasm.jar run --stats src/test/resources/goasm/bench/storeloop_amd64.s
#include "textflag.h"
#include "funcdata.h"

GLOBL ·buf(SB), NOPTR, $4096

TEXT ·main(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·buf(SB), DI
	MOVQ $0, CX
loop:
	MOVQ CX, BX
	ANDQ $511, BX
	MOVQ CX, (DI)(BX*8)
	MOVQ CX, 0(SP)
	MOVQ 0(SP), AX
	INCQ CX
	CMPQ CX, $100000000
	JLT loop
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
