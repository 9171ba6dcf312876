package goasm.encode;

import goasm.release.GoRelease;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integer instructions, each encoded alone. Expected bytes: Go 1.19.8's
 * {@code go tool asm -S} listing of the same line (hex dump split at the listed pcs).
 */
class IntegerInstructionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ADDQ $1, AX                        | 48 83 c0 01
            ADDQ $0x80, AX                     | 48 05 80 00 00 00
            ADDQ $-128, R9                     | 49 83 c1 80
            ADDQ BX, R10                       | 49 01 da
            ADDQ 8(SP), R11                    | 4c 03 5c 24 08
            ADDL $7, (R12)                     | 41 83 04 24 07
            ADDW $300, AX                      | 66 05 2c 01
            ADDW $3, CX                        | 66 83 c1 03
            ADDB $3, AL                        | 04 03
            ADDB $3, CL                        | 80 c1 03
            ADDB SI, DI                        | 40 00 f7
            SUBQ $24, SP                       | 48 83 ec 18
            ADCQ $1, 16(BP)                    | 48 83 55 10 01
            SBBL CX, DX                        | 19 ca
            ANDQ $0xff, R13                    | 49 81 e5 ff 00 00 00
            ORL $0x10000, 0(R13)               | 41 81 4d 00 00 00 01 00
            XORQ AX, AX                        | 48 31 c0
            XORL R8, R8                        | 45 31 c0
            CMPQ SP, 16(R14)                   | 49 3b 66 10
            CMPQ AX, $100                      | 48 83 f8 64
            CMPQ AX, $1000                     | 48 3d e8 03 00 00
            CMPB AL, $5                        | 3c 05
            CMPB (AX), $5                      | 80 38 05
            CMPL 4(AX)(BX*4), $-1              | 83 7c 98 04 ff
            CMPW BX, $1                        | 66 83 fb 01
            TESTQ R12, R12                     | 4d 85 e4
            TESTB $1, AL                       | a8 01
            TESTB $1, (DI)                     | f6 07 01
            TESTL $0x100, CX                   | f7 c1 00 01 00 00
            TESTW AX, BX                       | 66 85 c3
            MOVQ BP, 8(SP)                     | 48 89 6c 24 08
            LEAQ 8(SP), BP                     | 48 8d 6c 24 08
            LEAQ -40(SP), R12                  | 4c 8d 64 24 d8
            CMPQ R12, 16(R14)                  | 4d 3b 66 10
            MOVQ 32(R14), R12                  | 4d 8b 66 20
            LEAL 0x7fffffff(AX), BX            | 8d 98 ff ff ff 7f
            MOVL $0, AX                        | b8 00 00 00 00
            MOVQ $0, AX                        | 48 c7 c0 00 00 00 00
            MOVQ $-1, R15                      | 49 c7 c7 ff ff ff ff
            MOVQ $0x123456789, R8              | 49 b8 89 67 45 23 01 00 00 00
            MOVQ $-0x80000001, R8              | 49 b8 ff ff ff 7f ff ff ff ff
            MOVW $-1, AX                       | 66 b8 ff ff
            MOVB $-1, R11B                     | 41 b3 ff
            MOVB $7, (AX)                      | c6 00 07
            MOVW $7, (AX)                      | 66 c7 00 07 00
            MOVQ $7, 8(SP)(CX*8)               | 48 c7 44 cc 08 07 00 00 00
            MOVL (BP), AX                      | 8b 45 00
            MOVL (R13), AX                     | 41 8b 45 00
            MOVL (SP), AX                      | 8b 04 24
            MOVL (R12), AX                     | 41 8b 04 24
            MOVQ 0x100(R13)(R12*2), R9         | 4f 8b 8c 65 00 01 00 00
            MOVQ (AX)(BP*1), R9                | 4c 8b 0c 28
            MOVQ 0x12345678, AX                | 48 8b 04 25 78 56 34 12
            MOVQ 8(BP)(R13*1), AX              | 4a 8b 44 2d 08
            MOVBLZX (SI), AX                   | 0f b6 06
            MOVBQSX AL, R10                    | 4c 0f be d0
            MOVBQZX SIB, R10                   | 4c 0f b6 d6
            MOVWLZX CX, DX                     | 0f b7 d1
            MOVWQSX (AX), DX                   | 48 0f bf 10
            MOVLQSX CX, DX                     | 48 63 d1
            MOVLQZX CX, DX                     | 8b d1
            MOVBLSX DIB, DX                    | 40 0f be d7
            MOVB AX, (BX)                      | 88 03
            MOVB SIB, (BX)                     | 40 88 33
            MOVB R9, (BX)                      | 44 88 0b
            MOVB DH, (BX)                      | 88 33
            """)
    void encodesAsGoDoes(String instruction, String expected) {
        TestFunction f = TestFunction.of(instruction).assemble();
        assertThat(f.errors()).isEmpty();
        assertThat(f.hexOf(1)).isEqualTo(expected);
    }

    /**
     * Go 1.27 moves an immediate into a 64-bit register in the shortest form: B8+r imm32 (MOVL,
     * which zero-extends) when the value is in [0, 2^32); C7 /0 with REX.W (sign-extending) for
     * negative values down to -2^31; B8+r imm64 with REX.W otherwise. Before, C7 /0 was taken
     * for all of [-2^31, 2^31). Stores to memory keep C7 /0.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            MOVQ $0, AX                        | b8 00 00 00 00
            MOVQ $0x7fffffff, R9               | 41 b9 ff ff ff 7f
            MOVQ $0x80000000, AX               | b8 00 00 00 80
            MOVQ $-1, R15                      | 49 c7 c7 ff ff ff ff
            MOVQ $0x123456789, R8              | 49 b8 89 67 45 23 01 00 00 00
            MOVQ $7, 8(SP)                     | 48 c7 44 24 08 07 00 00 00
            """)
    void go127MovesImmediatesInTheShortestForm(String instruction, String expected) {
        TestFunction f = TestFunction.of(GoRelease.GO1_27, instruction).assemble();
        assertThat(f.errors()).isEmpty();
        assertThat(f.hexOf(1)).isEqualTo(expected);
    }
}
