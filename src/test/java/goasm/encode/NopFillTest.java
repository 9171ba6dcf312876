package goasm.encode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Padding as Go's fillnop lays it: the nine-byte NOP (66 0f 1f 84 00 00000000) while more than
 * nine bytes remain, then the NOP of the remaining length (Intel's recommended forms: 90,
 * 66 90, 0f 1f /0 with ModRM, SIB and displacement growing).
 */
class NopFillTest {
    @ParameterizedTest(name = "{0} bytes")
    @CsvSource(delimiter = '|', textBlock = """
            0  | ''
            1  | 90
            2  | 6690
            3  | 0f1f00
            5  | 0f1f440000
            9  | 660f1f840000000000
            12 | 660f1f8400000000000f1f00
            19 | 660f1f840000000000660f1f84000000000090
            """)
    void padsAsGoDoes(int n, String hex) {
        assertThat(HexFormat.of().formatHex(NopFill.of(n))).isEqualTo(hex);
    }
}
