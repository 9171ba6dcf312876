package goasm.arch.amd64;

import goasm.conformance.GoOracle;
import goasm.release.GoRelease;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Reg#goNumber()} counts on the enum listing the registers in Go's order: checked against
 * each release's cmd/internal/obj/x86/a.out.go, where REG_AL = obj.RBaseAMD64 + iota starts the
 * list and REG_TLS ends it.
 */
class RegTest {
    private static final Pattern CONSTANT = Pattern.compile("^\\tREG_([A-Z0-9]+)\\b");

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void registersAreInGosOrder(GoRelease release) throws IOException {
        var aOut = GoOracle.of(release).asmTestdata().resolve("../../../../../cmd/internal/obj/x86/a.out.go").normalize();
        List<String> goOrder = new ArrayList<>();
        boolean inList = false;
        for (String line : Files.readAllLines(aOut)) {
            Matcher m = CONSTANT.matcher(line);
            if (!m.find()) {
                continue;
            }
            inList |= m.group(1).equals("AL");
            if (inList) {
                goOrder.add(m.group(1));
                if (m.group(1).equals("TLS")) {
                    break;
                }
            }
        }
        assertThat(Arrays.stream(Reg.values()).map(Reg::name).toList()).containsExactlyElementsOf(goOrder);
        assertThat(Reg.AX.goNumber()).isEqualTo(2048 + 16);
    }
}
