package goasm.conformance;

import goasm.release.GoRelease;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lists of releases that tests take from a system property ("1.15 1.27", "1.15,1.19", "all") or
 * from a resource file (one release a line, # comments): which releases a long check runs for,
 * and which must already be exact.
 */
public final class ReleaseLists {
    private ReleaseLists() {
    }

    /** "1.15 1.27", "1.15,1.27" or "all": releases, each of which goasm must support. */
    public static List<GoRelease> parse(String list) {
        String text = list.strip();
        if (text.equals("all")) {
            return GoRelease.all();
        }
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,]+")).map(line -> GoRelease.of(line).orElseThrow(
                () -> new IllegalArgumentException("Go " + line + " is not one of " + GoRelease.supportedList())))
                .distinct().toList();
    }

    /** The releases listed in the resource {@code name} next to {@code owner}. */
    public static Set<GoRelease> resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test resources");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String lines = text.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty())
                    .collect(Collectors.joining(" "));
            return Set.copyOf(parse(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
