package goasm.release;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A concern's facts for every release, built once: for the records the pipeline reads per
 * instruction or per function, so that reading them costs a map lookup.
 */
final class ByRelease {
    private ByRelease() {
    }

    static <T> Map<GoRelease, T> table(Function<GoRelease, T> build) {
        EnumMap<GoRelease, T> table = new EnumMap<>(GoRelease.class);
        for (GoRelease release : GoRelease.values()) {
            table.put(release, build.apply(release));
        }
        return Collections.unmodifiableMap(table);
    }
}
