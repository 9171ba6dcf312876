package goasm.release;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A release's numbering of relocation kinds (objabi.RelocType). Go numbers its kinds in
 * declaration order from 1, and releases insert and remove kinds (mostly for other
 * architectures), so the numbers move while the names stay. Each release's order is a table in
 * {@code reloc-kinds-go1.N.txt} beside this class, one name a line.
 *
 * @param numbers Go's number for every kind name of the release ("R_CALL" -> 7)
 */
public record RelocKinds(Map<String, Integer> numbers) {
    public RelocKinds {
        numbers = Map.copyOf(numbers);
    }

    private static final Map<GoRelease, RelocKinds> TABLES = loadAll();

    public static RelocKinds of(GoRelease release) {
        return TABLES.get(release);
    }

    /** The table of each release; every kind list differs from the one before it. */
    private static String table(GoRelease release) {
        return switch (release) {
            case GO1_15 -> "reloc-kinds-go1.15.txt";
            case GO1_19 -> "reloc-kinds-go1.19.txt";
            case GO1_21 -> "reloc-kinds-go1.21.txt";
            case GO1_22 -> "reloc-kinds-go1.22.txt";
            case GO1_23 -> "reloc-kinds-go1.23.txt";
            case GO1_24 -> "reloc-kinds-go1.24.txt";
            case GO1_26 -> "reloc-kinds-go1.26.txt";
            case GO1_27 -> "reloc-kinds-go1.27.txt";
        };
    }

    private static Map<GoRelease, RelocKinds> loadAll() {
        Map<GoRelease, RelocKinds> all = new EnumMap<>(GoRelease.class);
        for (GoRelease release : GoRelease.values()) {
            List<String> names = readNames(table(release));
            Map<String, Integer> numbers = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                numbers.put(names.get(i), i + 1);
            }
            all.put(release, new RelocKinds(numbers));
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    private static List<String> readNames(String resource) {
        try (InputStream in = RelocKinds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing table " + resource);
            }
            List<String> names = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    names.add(line);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Go's number for the kind named {@code goName} ("R_CALL"). */
    public int number(String goName) {
        Integer n = numbers.get(goName);
        if (n == null) {
            throw new IllegalArgumentException("no relocation kind " + goName);
        }
        return n;
    }
}
