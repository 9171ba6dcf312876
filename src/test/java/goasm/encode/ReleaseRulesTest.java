package goasm.encode;

import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Prog;
import goasm.release.GoRelease;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encoder rules that differ between releases and that assembly source cannot reach (Go's
 * parser rejects DUFFZERO/DUFFCOPY operands; only compiled code has them), so no oracle run
 * can check them: worked out by hand from each release's asm6.go.
 */
class ReleaseRulesTest {
    /**
     * A call into Duff's device: up to Go 1.24 wrapped in MOVQ BP, -16(SP) (48 89 6c 24 f0) and
     * LEAQ -16(SP), BP (48 8d 6c 24 f0) before, MOVQ 0(BP), BP (48 8b 6d 00) after; from Go
     * 1.26 a plain CALL rel32 (e8 and a R_CALL relocation).
     */
    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void duffCallsSaveTheFramePointerUntil124(GoRelease release) {
        TestFunction f = TestFunction.of(release, "DUFFZERO $runtime.duffzero+256(SB)", "RET");
        Prog duff = f.progs.get(1);
        // As the compiler makes it: the device's address with no name class, a 32-bit constant.
        duff.to = duff.from.withType(AddrType.ADDR).withName(AddrName.NONE);
        duff.from = Addr.NONE;
        f.assemble();
        assertThat(f.errors()).isEmpty();
        String call = "e8 00 00 00 00";
        assertThat(f.hexOf(1)).isEqualTo(release.minor() <= 24
                ? "48 89 6c 24 f0 48 8d 6c 24 f0 " + call + " 48 8b 6d 00" : call);
    }
}
