// DATA and GLOBL: global variables. DATA sym+off(SB)/width, $value fills bytes of a
// symbol; GLOBL sym(SB), flags, $size declares it. The flags pick where it lives:
//   - RODATA: read-only data (SRODATA in the listing);
//   - NOPTR: data without pointers, so the garbage collector need not scan it (SNOPTRDATA,
//     or SNOPTRBSS when it has no DATA);
//   - no flags: data that may hold pointers (SDATA, or SBSS when it has no DATA);
//   - DUPOK: may be defined in several object files (dupok in the header);
//   - a name ending in <> is static: visible in this file only.
// ·name is a symbol of the package being assembled ("".name in the listing, named by the
// linker after the package path); runtime·name belongs to package runtime.
// A DATA value may be an integer of width 1, 2, 4 or 8, a string of up to 8 bytes, a
// float, or an address $sym+off(SB) of width 8, which needs a relocation.

#include "textflag.h"

// A read-only table of four 32-bit integers.
DATA ·table+0(SB)/4, $1
DATA ·table+4(SB)/4, $10
DATA ·table+8(SB)/4, $100
DATA ·table+12(SB)/4, $1000
GLOBL ·table(SB), RODATA, $16

// A read-only string made of 8-byte pieces, and a string header pointing at it.
DATA ·helloBytes+0(SB)/8, $"hello, w"
DATA ·helloBytes+8(SB)/5, $"orld!"
GLOBL ·helloBytes(SB), RODATA, $13
DATA ·hello+0(SB)/8, $·helloBytes(SB)
DATA ·hello+8(SB)/8, $13
GLOBL ·hello(SB), RODATA, $16

// Pointer-free data with bytes, words and a float.
DATA ·mixed+0(SB)/1, $0xff
DATA ·mixed+1(SB)/1, $'A'
DATA ·mixed+2(SB)/2, $0x1234
DATA ·mixed+4(SB)/4, $-1
DATA ·mixed+8(SB)/8, $3.5
GLOBL ·mixed(SB), NOPTR, $16

// Data that holds a pointer: the garbage collector scans it.
DATA ·pointer+0(SB)/8, $·table+4(SB)
GLOBL ·pointer(SB), $8

// Zeroed (bss) variables, with and without pointers.
GLOBL ·counter(SB), NOPTR, $8
GLOBL ·buffer(SB), $64

// Several definitions allowed across object files.
DATA ·shared+0(SB)/8, $7
GLOBL ·shared(SB), DUPOK|RODATA, $8

// A static symbol, local to this file.
DATA counterStep<>+0(SB)/8, $2
GLOBL counterStep<>(SB), RODATA|NOPTR, $8

// A runtime· symbol.
GLOBL runtime·exampleFlag(SB), NOPTR, $4

// Code using them: read the table, step the counter, return the string header's length.
TEXT ·useData(SB), NOSPLIT, $0-16
	LEAQ ·table(SB), SI
	MOVL 8(SI), AX
	MOVL ·table+12(SB), BX
	ADDL BX, AX
	MOVQ counterStep<>(SB), CX
	ADDQ CX, ·counter(SB)
	MOVL $1, runtime·exampleFlag(SB)
	MOVQ ·hello+8(SB), DX
	MOVQ DX, ret+0(FP)
	MOVQ $·helloBytes(SB), DI
	MOVQ DI, ret1+8(FP)
	RET
