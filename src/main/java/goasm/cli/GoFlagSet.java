package goasm.cli;

import goasm.release.CommandLine;
import goasm.release.CommandLine.DebugKey;
import goasm.release.CommandLine.Flag;
import goasm.release.CommandLine.FlagKind;
import goasm.lex.GoStrings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Command-line flags parsed exactly as Go's flag package parses them, so that goasm accepts
 * whatever the go command passes to its assembler: "-flag", "--flag", "-flag=value",
 * "-flag value" for non-boolean flags, parsing stopping at the first non-flag argument or "--",
 * and Go's error texts. Which flags exist comes from the release's {@link CommandLine}.
 * (picocli's option grammar differs in these corners, so the drop-in subcommand keeps its own
 * small parser.)
 */
final class GoFlagSet {
    /** How parsing ended. */
    enum Outcome {
        /** Every flag was read; the rest are files. */
        PARSED,
        /** -V came: print the version and exit. */
        VERSION,
        /** -d help came: print the debug keys and exit. */
        DEBUG_HELP
    }

    /** A parse failure: the message Go prints before the usage text (null: only the usage). */
    static final class FlagException extends Exception {
        FlagException(String message) {
            super(message, null, false, false);
        }
    }

    /** A failure Go reports with log.Fatal ("asm: " and the message, status 1). */
    static final class Fatal extends Exception {
        Fatal(String message) {
            super(message, null, false, false);
        }
    }

    private final CommandLine commandLine;
    private final Map<String, Flag> specs = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> debug = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    GoFlagSet(CommandLine commandLine) {
        this.commandLine = commandLine;
        for (Flag flag : commandLine.flags()) {
            specs.put(flag.name(), flag);
        }
    }

    Outcome parse(List<String> args) throws FlagException, Fatal {
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                break;
            }
            int dashes = 1;
            if (arg.charAt(1) == '-') {
                dashes = 2;
                if (arg.length() == 2) {
                    i++;
                    break;
                }
            }
            String name = arg.substring(dashes);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
                throw new FlagException("bad flag syntax: " + arg);
            }
            i++;
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 1) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Flag spec = specs.get(name);
            if (spec == null) {
                if (name.equals("help") || name.equals("h")) {
                    throw new FlagException(null);
                }
                throw new FlagException("flag provided but not defined: -" + name);
            }
            switch (spec.kind()) {
                case BOOL -> values.put(name, value == null || parseBool(value, name));
                case COUNT -> values.put(name, parseCount(value, name));
                case VERSION -> {
                    values.put(name, value == null ? "" : value);
                    return Outcome.VERSION;
                }
                case STRING, LIST, DEBUG -> {
                    if (value == null) {
                        if (i >= args.size()) {
                            throw new FlagException("flag needs an argument: -" + name);
                        }
                        value = args.get(i++);
                    }
                    switch (spec.kind()) {
                        case STRING -> values.put(name, value);
                        case DEBUG -> {
                            if (setDebug(value, name)) {
                                return Outcome.DEBUG_HELP;
                            }
                        }
                        default -> {
                            @SuppressWarnings("unchecked")
                            List<String> list = (List<String>) values.computeIfAbsent(name, k -> new ArrayList<String>());
                            list.add(value);
                        }
                    }
                }
            }
        }
        positional.addAll(args.subList(i, args.size()));
        return Outcome.PARSED;
    }

    /** objabi's DebugFlag.Set: "key", "key=value" or "key:value", comma-separated; true for "help". */
    private boolean setDebug(String list, String flagName) throws FlagException, Fatal {
        for (String setting : list.split(",", -1)) {
            if (setting.isEmpty()) {
                continue;
            }
            if (setting.equals("help")) {
                return true;
            }
            int sep = indexOfAny(setting, "=:");
            String key = sep < 0 ? setting : setting.substring(0, sep);
            String value = sep < 0 ? "" : setting.substring(sep + 1);
            Optional<DebugKey> known = commandLine.debugKeys().stream().filter(k -> k.name().equals(key)).findFirst();
            if (known.isEmpty()) {
                // Go's error text ends in a newline, which leaves a blank line before the usage.
                throw new FlagException("invalid value " + GoStrings.quote(list) + " for flag -" + flagName
                        + ": unknown debug key " + key + "\n");
            }
            switch (known.get().value()) {
                case STRING -> debug.put(key, value);
                case INT -> {
                    if (sep >= 0 && !value.matches("[+-]?[0-9]+")) {
                        throw new Fatal("invalid debug value " + key);
                    }
                    debug.put(key, sep < 0 ? "1" : value);
                }
            }
        }
        return false;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean parseBool(String v, String name) throws FlagException {
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new FlagException("invalid boolean value \"" + v + "\" for -" + name + ": parse error");
        };
    }

    private int parseCount(String v, String name) throws FlagException {
        int current = (Integer) values.getOrDefault(name, 0);
        if (v == null || v.equals("true")) {
            return current + 1;
        }
        if (v.equals("false")) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new FlagException("invalid boolean value \"" + v + "\" for -" + name + ": invalid count \"" + v + "\"");
        }
    }

    boolean isSet(String name) {
        return values.containsKey(name);
    }

    boolean bool(String name) {
        return (Boolean) values.getOrDefault(name, false);
    }

    /** -S: a count, or for a release where it is a plain boolean, 1 when set. */
    int count(String name) {
        Object v = values.getOrDefault(name, 0);
        return v instanceof Boolean b ? (b ? 1 : 0) : (Integer) v;
    }

    /** A string flag's value, or its default in this release ("" when the release lacks the flag). */
    String string(String name) {
        Object v = values.get(name);
        if (v != null) {
            return (String) v;
        }
        Flag spec = specs.get(name);
        return spec == null ? "" : spec.defaultValue();
    }

    @SuppressWarnings("unchecked")
    List<String> list(String name) {
        return (List<String>) values.getOrDefault(name, List.of());
    }

    /** The value given to a -d key, if it was given. */
    Optional<String> debug(String key) {
        return Optional.ofNullable(debug.get(key));
    }

    List<String> positional() {
        return positional;
    }

    /** Go's flag.PrintDefaults layout: flags sorted by name, usage on the next line unless the flag is a one-letter bool. */
    String defaults() {
        StringBuilder sb = new StringBuilder();
        for (Flag s : new TreeMap<>(specs).values()) {
            sb.append("  -").append(s.name());
            if (!s.valueName().isEmpty()) {
                sb.append(' ').append(s.valueName());
            }
            if (sb.length() - sb.lastIndexOf("\n") - 1 <= 4) {
                sb.append('\t');
            } else {
                sb.append("\n    \t");
            }
            sb.append(s.usage().replace("\n", "\n    \t"));
            if (!s.defaultValue().isEmpty()) {
                String shown = s.kind() == FlagKind.STRING ? GoStrings.quote(s.defaultValue()) : s.defaultValue();
                sb.append(" (default ").append(shown).append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** objabi's `-d help` text: a header, then each key and its help, names padded to the longest. */
    String debugHelp() {
        StringBuilder sb = new StringBuilder("usage: -d arg[,arg]* and arg is <key>[=<value>]\n\n<key> is one of:\n\n");
        int width = commandLine.debugKeys().stream().mapToInt(k -> k.name().length()).max().orElse(0);
        String continuation = "\n\t" + " ".repeat(width) + "\t";
        commandLine.debugKeys().stream().sorted(java.util.Comparator.comparing(DebugKey::name)).forEach(k ->
                sb.append('\t').append(k.name()).append(" ".repeat(width - k.name().length())).append('\t')
                        .append(k.help().replace("\n", continuation)).append('\n'));
        return sb.toString();
    }
}
