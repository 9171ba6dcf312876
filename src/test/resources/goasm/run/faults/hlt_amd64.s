// HLT is privileged: a general protection fault, which the kernel reports as SIGSEGV with
// code=0x80 (SI_KERNEL) and address 0; Go throws "fatal error: fault".
#include "textflag.h"

TEXT ·main(SB), $0-0
	HLT
	RET
