package goasm.cli;

import goasm.lex.GoStrings;
import goasm.release.BuildConfig;
import goasm.release.BuildConfig.Check;
import goasm.release.BuildConfig.Rule;
import goasm.release.ReleaseProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The build configuration a release's assembler reads from the environment (internal/buildcfg,
 * objabi before it): GOOS and GOARCH (linux and amd64 when unset or empty, as for the Go
 * installed here), the GOEXPERIMENTs in force, and the checks of GOAMD64, GOARM, GOWASM, ...
 * that stop Go before it even reads its flags. The facts come from {@link BuildConfig}.
 *
 * @param goos        GOOS as given (checked later, as Go does, against the known systems)
 * @param goarch      GOARCH as given
 * @param experiments the enabled experiments, lower case in Go's order (the runtime's assembly
 *                    sees each as a GOEXPERIMENT_name macro)
 * @param experimentDifference how the experiments differ from the release's baseline, as `-V`
 *                    prints it after "X:" ("fieldtrack", "nocoverageredesign"); empty when they do not
 * @param allExperiments every experiment the release knows, in Go's order, "no"-prefixed when off
 *                    (what `-V=goexperiment` lists in some releases); empty where they are built in
 * @param goamd64     the GOAMD64 level in force ("v1" to "v4"; the default where the value given is
 *                    not one, as Go falls back to it), which object headers name from Go 1.21 on
 */
public record GoEnvironment(String goos, String goarch, String goamd64, List<String> experiments,
                            String experimentDifference, String allExperiments) {
    /** A bad setting: the message Go prints, and how Go reports it. */
    public static final class Invalid extends Exception {
        private final BuildConfig.Failure failure;

        Invalid(String message, BuildConfig.Failure failure) {
            super(message, null, false, false);
            this.failure = failure;
        }

        public BuildConfig.Failure failure() {
            return failure;
        }
    }

    private static final java.util.regex.Pattern ARM64_VERSION = java.util.regex.Pattern.compile("v8\\.[0-9]|v9\\.[0-5]");
    private static final java.util.regex.Pattern ANY_MAJOR_VERSION = java.util.regex.Pattern.compile(
            "v[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final java.util.regex.Pattern FIPS_MODULE_VERSION = java.util.regex.Pattern.compile(
            "v1\\.[0-9]+\\.[0-9]+(-rc[0-9]+|-.{8})?");

    /** Reads {@code env} as {@code release}'s assembler does; throws with Go's message for the setting Go reports. */
    public static GoEnvironment read(Map<String, String> env, ReleaseProfile release) throws Invalid {
        BuildConfig config = release.buildConfig();
        String goarch = get(env, "GOARCH", "amd64");
        String goos = get(env, "GOOS", "linux");
        String error = null;
        String goamd64 = "v1";
        for (Check check : config.checks()) {
            String value = get(env, check.variable(), check.defaultValue());
            String complaint = complaint(check, value);
            if (check.variable().equals("GOAMD64")) {
                goamd64 = complaint == null ? value : check.defaultValue();
            }
            if (complaint != null && config.failure() == BuildConfig.Failure.FIRST_ERROR_LOGGED_STATUS_1) {
                throw new Invalid(complaint, config.failure());
            }
            switch (check.effect()) {
                case SET_WHEN_BAD -> error = complaint == null ? error : complaint;
                case ALWAYS_ASSIGN -> error = complaint;
            }
        }
        List<String> experiments = release.experiments().defaults();
        String difference = "";
        String all = "";
        switch (config.experimentSource()) {
            case BUILT_IN -> {
            }
            case ENVIRONMENT -> {
                try {
                    Map<String, Boolean> on = experiments(config, release, goos, goarch, get(env, "GOEXPERIMENT", ""));
                    Map<String, Boolean> baseline = baseline(config, release, goos, goarch);
                    List<String> enabled = new ArrayList<>();
                    List<String> changed = new ArrayList<>();
                    List<String> every = new ArrayList<>();
                    on.forEach((name, value) -> {
                        every.add(value ? name : "no" + name);
                        if (value) {
                            enabled.add(name);
                        }
                        if (value != baseline.get(name)) {
                            changed.add(value ? name : "no" + name);
                        }
                    });
                    experiments = List.copyOf(enabled);
                    difference = String.join(",", changed);
                    all = String.join(",", every);
                } catch (Invalid e) {
                    error = e.getMessage();
                }
            }
        }
        if (error != null) {
            throw new Invalid(error, config.failure());
        }
        return new GoEnvironment(goos, goarch, goamd64, experiments, difference, all);
    }

    /** Go's complaint about {@code value}, or null when it is good. */
    private static String complaint(Check check, String value) {
        return switch (check.rule()) {
            case Rule.OneOf oneOf -> oneOf.values().contains(value) ? null : check.message();
            case Rule.WithFloatSuffix withSuffix -> {
                String v = value;
                if (v.endsWith(",softfloat")) {
                    v = v.substring(0, v.length() - ",softfloat".length());
                }
                if (v.endsWith(",hardfloat")) {
                    v = v.substring(0, v.length() - ",hardfloat".length());
                }
                yield withSuffix.values().contains(v) ? null : check.message();
            }
            case Rule.Arm64Version ignored -> {
                String v = value;
                while (true) {
                    if (v.endsWith(",lse")) {
                        v = v.substring(0, v.length() - 4);
                    } else if (v.endsWith(",crypto")) {
                        v = v.substring(0, v.length() - 7);
                    } else {
                        break;
                    }
                }
                boolean good = ARM64_VERSION.matcher(v).matches();
                yield good ? null : check.message();
            }
            case Rule.Features features -> {
                for (String feature : value.split(",", -1)) {
                    if (!feature.isEmpty() && !features.known().contains(feature)) {
                        yield check.message().formatted(features.quoteFeature() ? GoStrings.quote(feature) : feature);
                    }
                }
                yield null;
            }
            case Rule.FipsVersion fips -> fips.names().contains(value) || fipsVersion(value, fips.anyMajorNoSuffix())
                    ? null : check.message();
        };
    }

    private static boolean fipsVersion(String v, boolean anyMajorNoSuffix) {
        if (anyMajorNoSuffix) {
            return ANY_MAJOR_VERSION.matcher(v).matches();
        }
        return FIPS_MODULE_VERSION.matcher(v).matches();
    }

    /** The experiments on by default for this GOOS and GOARCH. */
    private static Map<String, Boolean> baseline(BuildConfig config, ReleaseProfile release, String goos, String goarch) {
        boolean regabi = config.regabiArchitectures().contains(goarch);
        Set<String> off = config.baselineOffByGoos().getOrDefault(goos, Set.of());
        Map<String, Boolean> on = new LinkedHashMap<>();
        for (String name : config.experimentNames()) {
            boolean isRegabi = name.equals("regabiwrappers") || name.equals("regabiargs");
            on.put(name, isRegabi ? regabi : release.experiments().defaults().contains(name) && !off.contains(name));
        }
        return on;
    }

    /** Go's ParseGOEXPERIMENT: the baseline for the platform, changed by the list. */
    private static Map<String, Boolean> experiments(BuildConfig config, ReleaseProfile release, String goos,
                                                    String goarch, String list) throws Invalid {
        boolean regabiSupported = config.regabiArchitectures().contains(goarch);
        Map<String, Boolean> on = baseline(config, release, goos, goarch);
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
                throw new Invalid("unknown GOEXPERIMENT " + name, config.failure());
            }
        }
        if (config.regabiAlwaysOnArchitectures().contains(goarch) || !regabiSupported) {
            on.put("regabiwrappers", regabiSupported);
            on.put("regabiargs", regabiSupported);
        }
        if (on.get("regabiargs") && !on.get("regabiwrappers")) {
            throw new Invalid("GOEXPERIMENT regabiargs requires regabiwrappers", config.failure());
        }
        return on;
    }

    /** Go's envOr: an empty value counts as unset. */
    private static String get(Map<String, String> env, String key, String defaultValue) {
        String value = env.get(key);
        return value == null || value.isEmpty() ? defaultValue : value;
    }
}
