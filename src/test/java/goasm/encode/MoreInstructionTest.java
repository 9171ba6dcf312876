package goasm.encode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shifts, multiply/divide, unary, bit, exchange, string, stack, system, fence, and the GP/XMM
 * moves, each encoded alone. Expected bytes: Go 1.19.8's {@code go tool asm -S} listing of the
 * same instruction text (hex dump split at the listed pcs).
 */
class MoreInstructionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SHLQ $1, AX                        | 48 d1 e0
            SHLQ $5, R9                        | 49 c1 e1 05
            SHLQ CX, AX                        | 48 d3 e0
            SHRL $1, (BX)                      | d1 2b
            SARQ CL, 8(SP)                     | 48 d3 7c 24 08
            ROLB $3, AL                        | c0 c0 03
            RORW CX, DX                        | 66 d3 ca
            RCLQ $1, R8                        | 49 d1 d0
            RCRL $7, R8                        | 41 c1 d8 07
            SALQ $2, AX                        | 48 c1 e0 02
            SHLQ $3, AX, BX                    | 48 0f a4 c3 03
            SHRQ CX, R9, R10                   | 4d 0f ad ca
            SHLL $31, DX, (AX)                 | 0f a4 10 1f
            SHRW $3, AX, BX                    | 66 0f ac c3 03
            MULQ BX                            | 48 f7 e3
            MULB CL                            | f6 e1
            IMULQ R10                          | 49 f7 ea
            IMULQ $7, AX                       | 48 6b c0 07
            IMULQ $700, R9                     | 4d 69 c9 bc 02 00 00
            IMULQ BX, CX                       | 48 0f af cb
            IMULL (AX), DX                     | 0f af 10
            IMUL3Q $7, AX, BX                  | 48 6b d8 07
            IMUL3Q $700, (R8), R9              | 4d 69 08 bc 02 00 00
            IMUL3W $700, AX, BX                | 66 69 d8 bc 02
            DIVQ R11                           | 49 f7 f3
            IDIVL 8(SP)                        | f7 7c 24 08
            DIVB BH                            | f6 f7
            NEGQ AX                            | 48 f7 d8
            NOTL R12                           | 41 f7 d4
            INCQ R9                            | 49 ff c1
            DECL AX                            | ff c8
            INCB AL                            | fe c0
            DECW (AX)                          | 66 ff 08
            SETEQ AL                           | 0f 94 c0
            SETNE R9B                          | 41 0f 95 c1
            SETHI (AX)                         | 0f 97 00
            CMOVQEQ BX, AX                     | 48 0f 44 c3
            CMOVLLT (R8), R9                   | 45 0f 4c 08
            CMOVWGT CX, DX                     | 66 0f 4f d1
            BTQ $3, AX                         | 48 0f ba e0 03
            BTSQ BX, (CX)                      | 48 0f ab 19
            BTRL $31, R10                      | 41 0f ba f2 1f
            BTCW AX, BX                        | 66 0f bb c3
            BSFQ AX, BX                        | 48 0f bc d8
            BSRL (R9), R10                     | 45 0f bd 11
            BSWAPQ R9                          | 49 0f c9
            BSWAPL AX                          | 0f c8
            XCHGQ AX, BX                       | 48 93
            XCHGQ BX, AX                       | 48 93
            XCHGL R9, (AX)                     | 44 87 08
            XCHGB AL, (BX)                     | 86 03
            XADDQ AX, (BX)                     | 48 0f c1 03
            XADDL R9, 8(SP)                    | 44 0f c1 4c 24 08
            CMPXCHGQ R9, (R10)                 | 4d 0f b1 0a
            CMPXCHGB CL, (AX)                  | 0f b0 08
            CMPXCHG8B (AX)                     | 0f c7 08
            CMPXCHG16B (R8)                    | 49 0f c7 08
            LOCK                               | f0
            XADDQ AX, (BX)                     | 48 0f c1 03
            REP                                | f3
            MOVSQ                              | 48 a5
            REP                                | f3
            STOSQ                              | 48 ab
            MOVSB                              | a4
            STOSB                              | aa
            PUSHQ AX                           | 50
            PUSHQ R12                          | 41 54
            PUSHQ $1                           | 6a 01
            PUSHQ $1000                        | 68 e8 03 00 00
            PUSHQ 8(SP)                        | ff 74 24 08
            POPQ R15                           | 41 5f
            POPQ (AX)                          | 8f 00
            POPQ AX                            | 58
            POPQ AX                            | 58
            POPQ AX                            | 58
            PUSHFQ                             | 9c
            POPFQ                              | 9d
            SYSCALL                            | 0f 05
            CPUID                              | 0f a2
            RDTSC                              | 0f 31
            PAUSE                              | f3 90
            CQO                                | 48 99
            CDQ                                | 99
            CWD                                | 66 99
            CDQE                               | 48 98
            LFENCE                             | 0f ae e8
            MFENCE                             | 0f ae f0
            SFENCE                             | 0f ae f8
            UD2                                | 0f 0b
            INT $3                             | cd 03
            HLT                                | f4
            NOPL (AX)                          | 0f 1f 00
            NOPW 8(AX)(AX*1)                   | 66 0f 1f 44 00 08
            MOVQ AX, X0                        | 66 48 0f 6e c0
            MOVQ X1, R9                        | 66 49 0f 7e c9
            MOVQ X9, AX                        | 66 4c 0f 7e c8
            MOVQ 8(SP), X3                     | f3 0f 7e 5c 24 08
            MOVQ X3, 8(SP)                     | 66 0f d6 5c 24 08
            MOVSD X0, 8(SP)                    | f2 0f 11 44 24 08
            MOVSD 8(SP), X15                   | f2 44 0f 10 7c 24 08
            MOVSS X1, X2                       | f3 0f 10 d1
            MOVUPS (AX), X1                    | 0f 10 08
            XORPS X0, X0                       | 0f 57 c0
            MOVOU X1, (DI)                     | f3 0f 7f 0f
            LEAVEQ                             | c9
            CLD                                | fc
            STD                                | fd
            LZCNTQ AX, BX                      | f3 48 0f bd d8
            POPCNTQ AX, BX                     | f3 48 0f b8 d8
            TZCNTL AX, BX                      | f3 0f bc d8
            MOVBEQ (AX), BX                    | 48 0f 38 f0 18
            """)
    void encodesAsGoDoes(String instruction, String expected) {
        TestFunction f = TestFunction.of(instruction).assemble();
        assertThat(f.errors()).isEmpty();
        assertThat(f.hexOf(1)).isEqualTo(expected);
    }
}
