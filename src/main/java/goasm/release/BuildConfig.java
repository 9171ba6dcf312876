package goasm.release;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a release's `asm` reads its build configuration from the environment (internal/buildcfg,
 * or cmd/internal/objabi before Go 1.17): which variables it checks, in which order, with which
 * messages; how it reports a bad one; the GOEXPERIMENT names it knows and its baseline; and
 * whether GOARCH is checked before or after the flags.
 *
 * @param checks             the checked variables in the order Go initializes them
 * @param failure            how a bad setting is reported
 * @param experimentSource   where the experiments come from
 * @param experimentNames    every GOEXPERIMENT name, in Go's declaration order (the order of `-V`'s X: list)
 * @param regabiArchitectures          where the register ABI is on by default
 * @param regabiAlwaysOnArchitectures where it cannot be turned off
 * @param baselineOffByGoos  experiments of the amd64 baseline ({@link Experiments#defaults()}) that
 *                           are off for some GOOS (dwarf5 on darwin, ios, aix)
 * @param architectureCheck  when an unknown GOARCH stops the assembler
 * @param versionQuery       what `-V=goexperiment` adds to the version line
 */
public record BuildConfig(List<Check> checks, Failure failure, ExperimentSource experimentSource,
                          List<String> experimentNames, Set<String> regabiArchitectures,
                          Set<String> regabiAlwaysOnArchitectures, Map<String, Set<String>> baselineOffByGoos,
                          ArchitectureCheck architectureCheck, VersionQuery versionQuery) {
    public BuildConfig {
        checks = List.copyOf(checks);
        experimentNames = List.copyOf(experimentNames);
        regabiArchitectures = Set.copyOf(regabiArchitectures);
        regabiAlwaysOnArchitectures = Set.copyOf(regabiAlwaysOnArchitectures);
        baselineOffByGoos = Map.copyOf(baselineOffByGoos);
    }

    /** How a bad setting is reported. */
    public enum Failure {
        /**
         * buildcfg keeps one error, overwritten by each later complaint; `asm: message` on
         * stderr, exit status 2, before the flags are read.
         */
        LAST_ERROR_STATUS_2,
        /** objabi stops at the first bad setting with log.Fatalf: a timestamped line, status 1. */
        FIRST_ERROR_LOGGED_STATUS_1
    }

    /** Where GOEXPERIMENT is taken from. */
    public enum ExperimentSource {
        /** The GOEXPERIMENT environment variable, checked against {@link #experimentNames()}. */
        ENVIRONMENT,
        /** Fixed when the toolchain was built; the environment variable is not read (Go 1.15). */
        BUILT_IN
    }

    /** What `-V=goexperiment` prints after the version. */
    public enum VersionQuery {
        /** What any -V prints: " X:" and the difference from the baseline, if there is one. */
        DIFFERENCE_ONLY,
        /** " X:" and every experiment, "no"-prefixed when off (objabi's answer to test/run.go). */
        ALL_EXPERIMENTS
    }

    /** When an unknown GOARCH stops the assembler. */
    public enum ArchitectureCheck {
        /** Before the flags: even -V fails (Go 1.15). */
        BEFORE_FLAGS,
        /** After the flags: -V answers whatever GOARCH says. */
        AFTER_FLAGS
    }

    /** What a check does to the error kept so far. */
    public enum Effect {
        /** Sets it when the value is bad. */
        SET_WHEN_BAD,
        /** Sets it to this check's result, clearing an earlier complaint when the value is good (GOARM64). */
        ALWAYS_ASSIGN
    }

    /**
     * One variable checked, with the value it has when unset or empty.
     *
     * @param message the complaint; for {@link Rule.Features} a format with one %s for the feature
     */
    public record Check(String variable, String defaultValue, Rule rule, String message, Effect effect) {
    }

    /** What makes a value good. */
    public sealed interface Rule {
        /** One of a fixed set. */
        record OneOf(Set<String> values) implements Rule {
        }

        /** One of a set, optionally followed by ",softfloat" or ",hardfloat" (GOARM from Go 1.22). */
        record WithFloatSuffix(Set<String> values) implements Rule {
        }

        /** v8.0–v8.9 or v9.0–v9.5, optionally followed by ",lse" and ",crypto" in any order (GOARM64). */
        record Arm64Version() implements Rule {
        }

        /** A comma-separated list of known features; the message names the first unknown one (GOWASM). */
        record Features(Set<String> known, boolean quoteFeature) implements Rule {
        }

        /**
         * One of the names, or a module version: "vX.Y.Z" (any major) when {@code anyMajorNoSuffix},
         * else "v1.Y.Z", "v1.Y.Z-rcN" or "v1.Y.Z-" and eight characters (GOFIPS140).
         */
        record FipsVersion(Set<String> names, boolean anyMajorNoSuffix) implements Rule {
        }
    }

    public static BuildConfig of(GoRelease release) {
        Set<String> floats = Set.of("hardfloat", "softfloat");
        return switch (release) {
            case GO1_15 -> new BuildConfig(List.of(
                    new Check("GOARM", "7", new Rule.OneOf(Set.of("5", "6", "7")),
                            "Invalid GOARM value. Must be 5, 6, or 7.", Effect.SET_WHEN_BAD),
                    new Check("GOMIPS", "hardfloat", new Rule.OneOf(floats),
                            "Invalid GOMIPS value. Must be hardfloat or softfloat.", Effect.SET_WHEN_BAD),
                    new Check("GOMIPS64", "hardfloat", new Rule.OneOf(floats),
                            "Invalid GOMIPS64 value. Must be hardfloat or softfloat.", Effect.SET_WHEN_BAD),
                    new Check("GOPPC64", "power8", new Rule.OneOf(Set.of("power8", "power9")),
                            "Invalid GOPPC64 value. Must be power8 or power9.", Effect.SET_WHEN_BAD),
                    new Check("GOWASM", "", new Rule.Features(Set.of("satconv", "signext"), false),
                            "Invalid GOWASM value. No such feature: %s", Effect.SET_WHEN_BAD)),
                    Failure.FIRST_ERROR_LOGGED_STATUS_1, ExperimentSource.BUILT_IN, List.of(), Set.of("amd64"),
                    Set.of("amd64"), Map.of(), ArchitectureCheck.BEFORE_FLAGS, VersionQuery.DIFFERENCE_ONLY);
            case GO1_19 -> modern(List.of(goamd64(), goarm(false), gomips(), gomips64(), goppc64(false), gowasm()),
                    List.of("fieldtrack", "preemptibleloops", "staticlockranking", "boringcrypto", "unified",
                            "regabiwrappers", "regabiargs", "heapminimum512kib"),
                    Set.of("amd64", "arm64", "ppc64le", "ppc64", "riscv64"), Set.of("amd64", "arm64", "ppc64le", "ppc64"),
                    Map.of(), VersionQuery.ALL_EXPERIMENTS);
            case GO1_21 -> modern(List.of(goamd64(), goarm(false), gomips(), gomips64(), goppc64(true), gowasm()),
                    List.of("fieldtrack", "preemptibleloops", "staticlockranking", "boringcrypto", "regabiwrappers",
                            "regabiargs", "heapminimum512kib", "coverageredesign", "arenas", "pagetrace", "cgocheck2",
                            "loopvar", "cacheprog"),
                    regabi("amd64", "arm64", "ppc64le", "ppc64", "riscv64"), regabi("amd64", "arm64", "ppc64le", "ppc64",
                            "riscv64"), Map.of(), VersionQuery.ALL_EXPERIMENTS);
            case GO1_22 -> modern(List.of(goamd64(), goarm(true), gomips(), gomips64(), goppc64(true), gowasm()),
                    List.of("fieldtrack", "preemptibleloops", "staticlockranking", "boringcrypto", "regabiwrappers",
                            "regabiargs", "heapminimum512kib", "coverageredesign", "arenas", "pagetrace", "cgocheck2",
                            "loopvar", "cacheprog", "newinliner", "rangefunc", "range", "allocheaders", "exectracer2"),
                    regabi("amd64", "arm64", "ppc64le", "ppc64", "riscv64", "loong64"),
                    regabi("amd64", "arm64", "ppc64le", "ppc64", "riscv64"), Map.of(), VersionQuery.ALL_EXPERIMENTS);
            case GO1_23 -> modern(List.of(goamd64(), goarm(true), goarm64(), gomips(), gomips64(), goppc64(true),
                            goriscv64(false), gowasm()),
                    List.of("fieldtrack", "preemptibleloops", "staticlockranking", "boringcrypto", "regabiwrappers",
                            "regabiargs", "heapminimum512kib", "coverageredesign", "arenas", "cgocheck2", "loopvar",
                            "cacheprog", "newinliner", "rangefunc", "aliastypeparams"),
                    regabi("amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64"),
                    regabi("amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64"), Map.of(), VersionQuery.ALL_EXPERIMENTS);
            case GO1_24 -> modern(List.of(goamd64(), goarm(true), goarm64(), gomips(), gomips64(), goppc64(true),
                            goriscv64(false), gowasm(), gofips140(true)),
                    List.of("fieldtrack", "preemptibleloops", "staticlockranking", "boringcrypto", "regabiwrappers",
                            "regabiargs", "heapminimum512kib", "coverageredesign", "arenas", "cgocheck2", "loopvar",
                            "cacheprog", "newinliner", "rangefunc", "aliastypeparams", "swissmap", "spinbitmutex",
                            "synchashtriemap", "synctest"),
                    regabi("amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64"),
                    regabi("amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64"), Map.of(), VersionQuery.ALL_EXPERIMENTS);
            case GO1_26 -> modern(List.of(goamd64(), goarm(true), goarm64(), gomips(), gomips64(), goppc64(true),
                            goriscv64(true), gowasm(), gofips140(false)),
                    List.of("fieldtrack", "preemptibleloops", "staticlockranking", "boringcrypto", "regabiwrappers",
                            "regabiargs", "heapminimum512kib", "arenas", "cgocheck2", "loopvar", "newinliner", "dwarf5",
                            "jsonv2", "greenteagc", "randomizedheapbase64", "runtimefreegc", "sizespecializedmalloc",
                            "goroutineleakprofile", "simd", "runtimesecret"),
                    regabi("amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64", "s390x"),
                    regabi("amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64"), noDwarf5(), VersionQuery.DIFFERENCE_ONLY);
            case GO1_27 -> modern(List.of(goamd64(), goarm(true), goarm64(), gomips(), gomips64(), goppc64(true),
                            goriscv64(true), gowasm(), gofips140(false)),
                    List.of("fieldtrack", "preemptibleloops", "staticlockranking", "boringcrypto", "regabiwrappers",
                            "regabiargs", "heapminimum512kib", "arenas", "cgocheck2", "loopvar", "newinliner", "dwarf5",
                            "jsonv2", "greenteagc", "randomizedheapbase64", "runtimefreegc", "sizespecializedmalloc",
                            "simd", "runtimesecret", "mapsplitgroup"),
                    regabi("amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64", "s390x"),
                    regabi("amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64", "s390x"), noDwarf5(), VersionQuery.DIFFERENCE_ONLY);
        };
    }

    private static BuildConfig modern(List<Check> checks, List<String> experimentNames, Set<String> regabi,
                                      Set<String> regabiAlwaysOn, Map<String, Set<String>> baselineOffByGoos,
                                      VersionQuery versionQuery) {
        return new BuildConfig(checks, Failure.LAST_ERROR_STATUS_2, ExperimentSource.ENVIRONMENT, experimentNames,
                regabi, regabiAlwaysOn, baselineOffByGoos, ArchitectureCheck.AFTER_FLAGS, versionQuery);
    }

    private static Set<String> regabi(String... architectures) {
        return Set.of(architectures);
    }

    /** DWARF 5 is not in the baseline where the platform's tools cannot read it. */
    private static Map<String, Set<String>> noDwarf5() {
        return Map.of("darwin", Set.of("dwarf5"), "ios", Set.of("dwarf5"), "aix", Set.of("dwarf5"));
    }

    private static Check goamd64() {
        return mustBeOneOf("GOAMD64", "v1", "v2", "v3", "v4");
    }

    private static Check goarm(boolean floatSuffix) {
        Set<String> versions = Set.of("5", "6", "7");
        return floatSuffix
                ? new Check("GOARM", "7", new Rule.WithFloatSuffix(versions),
                "invalid GOARM: must start with 5, 6, or 7, and may optionally end in either \",hardfloat\" or \",softfloat\"",
                Effect.SET_WHEN_BAD)
                : new Check("GOARM", "7", new Rule.OneOf(versions), "invalid GOARM: must be 5, 6, 7", Effect.SET_WHEN_BAD);
    }

    private static Check goarm64() {
        return new Check("GOARM64", "v8.0", new Rule.Arm64Version(),
                "invalid GOARM64: must start with v8.{0-9} or v9.{0-5} and may optionally end in \",lse\" and/or \",crypto\"",
                Effect.ALWAYS_ASSIGN);
    }

    private static Check gomips() {
        return mustBeOneOf("GOMIPS", "hardfloat", "softfloat");
    }

    private static Check gomips64() {
        return mustBeOneOf("GOMIPS64", "hardfloat", "softfloat");
    }

    private static Check goppc64(boolean power10) {
        return power10 ? mustBeOneOf("GOPPC64", "power8", "power9", "power10")
                : mustBeOneOf("GOPPC64", "power8", "power9");
    }

    private static Check goriscv64(boolean rva23) {
        return rva23 ? mustBeOneOf("GORISCV64", "rva20u64", "rva22u64", "rva23u64")
                : mustBeOneOf("GORISCV64", "rva20u64", "rva22u64");
    }

    /**
     * A variable whose value must be one of {@code values}, the first being the default; Go's
     * message lists them in that order ("invalid GOAMD64: must be v1, v2, v3, v4").
     */
    private static Check mustBeOneOf(String variable, String... values) {
        return new Check(variable, values[0], new Rule.OneOf(Set.of(values)),
                "invalid " + variable + ": must be " + String.join(", ", values), Effect.SET_WHEN_BAD);
    }

    private static Check gowasm() {
        return new Check("GOWASM", "", new Rule.Features(Set.of("satconv", "signext"), true),
                "invalid GOWASM: no such feature %s", Effect.SET_WHEN_BAD);
    }

    private static Check gofips140(boolean anyMajor) {
        Set<String> names = Set.of("off", "latest", "inprocess", "certified");
        return anyMajor
                ? new Check("GOFIPS140", "off", new Rule.FipsVersion(names, true),
                "invalid GOFIPS140: must be off, latest, inprocess, certified, or vX.Y.Z", Effect.SET_WHEN_BAD)
                : new Check("GOFIPS140", "off", new Rule.FipsVersion(names, false),
                "invalid GOFIPS140: must be off, latest, inprocess, certified, or v1.Y.Z", Effect.SET_WHEN_BAD);
    }
}
