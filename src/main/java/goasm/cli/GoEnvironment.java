package goasm.cli;

import goasm.lex.GoStrings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The build configuration Go 1.19's assembler reads from the environment (internal/buildcfg):
 * GOOS and GOARCH (linux and amd64 when unset or empty, as for the Go installed here), the
 * GOEXPERIMENTs in force, and the checks of GOAMD64, GOARM, GOMIPS, GOMIPS64, GOPPC64, GOWASM
 * and GOEXPERIMENT that stop Go before it even reads its flags.
 *
 * @param goos        GOOS as given (checked later, as Go does, against the known systems)
 * @param goarch      GOARCH as given
 * @param experiments the enabled experiments, lower case in Go's order (the runtime's assembly
 *                    sees each as a GOEXPERIMENT_name macro)
 */
public record GoEnvironment(String goos, String goarch, List<String> experiments) {
    /** What Go's buildcfg.Check prints (after "asm: ") before exiting with status 2. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Go 1.19's goexperiment.Flags, in declaration order. */
    private static final List<String> EXPERIMENTS = List.of("fieldtrack", "preemptibleloops", "staticlockranking",
            "boringcrypto", "unified", "regabiwrappers", "regabiargs", "heapminimum512kib");
    /** Architectures where the register ABI is on by default, and those where it cannot be turned off. */
    private static final Set<String> REGABI_SUPPORTED = Set.of("amd64", "arm64", "ppc64le", "ppc64", "riscv64");
    private static final Set<String> REGABI_ALWAYS_ON = Set.of("amd64", "arm64", "ppc64le", "ppc64");

    /** One variable with a fixed set of values, checked in Go's order; the last complaint wins. */
    private record Choice(String variable, String defaultValue, Set<String> values, String message) {
    }

    private static final List<Choice> CHOICES = List.of(
            new Choice("GOAMD64", "v1", Set.of("v1", "v2", "v3", "v4"), "invalid GOAMD64: must be v1, v2, v3, v4"),
            new Choice("GOARM", "5", Set.of("5", "6", "7"), "invalid GOARM: must be 5, 6, 7"),
            new Choice("GOMIPS", "hardfloat", Set.of("hardfloat", "softfloat"),
                    "invalid GOMIPS: must be hardfloat, softfloat"),
            new Choice("GOMIPS64", "hardfloat", Set.of("hardfloat", "softfloat"),
                    "invalid GOMIPS64: must be hardfloat, softfloat"),
            new Choice("GOPPC64", "power8", Set.of("power8", "power9"), "invalid GOPPC64: must be power8, power9"));

    /** The configuration of an empty environment: linux/amd64, the default experiments. */
    public static GoEnvironment defaults() {
        try {
            return read(Map.of());
        } catch (Invalid e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code env} as Go does; throws with Go's message for the last invalid setting. */
    public static GoEnvironment read(Map<String, String> env) throws Invalid {
        String goarch = get(env, "GOARCH", "amd64");
        String goos = get(env, "GOOS", "linux");
        String error = null;
        for (Choice c : CHOICES) {
            if (!c.values().contains(get(env, c.variable(), c.defaultValue()))) {
                error = c.message();
            }
        }
        for (String feature : get(env, "GOWASM", "").split(",", -1)) {
            if (!feature.isEmpty() && !feature.equals("satconv") && !feature.equals("signext")) {
                error = "invalid GOWASM: no such feature " + GoStrings.quote(feature);
            }
        }
        List<String> experiments = List.of();
        try {
            experiments = experiments(goarch, get(env, "GOEXPERIMENT", ""));
        } catch (Invalid e) {
            error = e.getMessage();
        }
        if (error != null) {
            throw new Invalid(error);
        }
        return new GoEnvironment(goos, goarch, experiments);
    }

    /** Go's ParseGOEXPERIMENT: the baseline for the architecture, changed by the list. */
    private static List<String> experiments(String goarch, String list) throws Invalid {
        boolean regabiSupported = REGABI_SUPPORTED.contains(goarch);
        Map<String, Boolean> on = new LinkedHashMap<>();
        for (String name : EXPERIMENTS) {
            on.put(name, regabiSupported && (name.equals("regabiwrappers") || name.equals("regabiargs")));
        }
        for (String entry : list.split(",", -1)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("none")) {
                on.replaceAll((name, value) -> false);
                continue;
            }
            boolean value = !entry.startsWith("no");
            String name = value ? entry : entry.substring(2);
            if (name.equals("regabi")) {
                // An alias for every working register-ABI part.
                on.put("regabiwrappers", value);
                on.put("regabiargs", value);
            } else if (on.containsKey(name)) {
                on.put(name, value);
            } else {
                throw new Invalid("unknown GOEXPERIMENT " + name);
            }
        }
        if (REGABI_ALWAYS_ON.contains(goarch) || !regabiSupported) {
            on.put("regabiwrappers", regabiSupported);
            on.put("regabiargs", regabiSupported);
        }
        if (on.get("regabiargs") && !on.get("regabiwrappers")) {
            throw new Invalid("GOEXPERIMENT regabiargs requires regabiwrappers");
        }
        List<String> enabled = new ArrayList<>();
        on.forEach((name, value) -> {
            if (value) {
                enabled.add(name);
            }
        });
        return List.copyOf(enabled);
    }

    /** Go's envOr: an empty value counts as unset. */
    private static String get(Map<String, String> env, String key, String defaultValue) {
        String value = env.get(key);
        return value == null || value.isEmpty() ? defaultValue : value;
    }
}
