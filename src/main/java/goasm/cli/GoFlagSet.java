package goasm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Command-line flags parsed exactly as Go's flag package parses them, so that goasm accepts
 * whatever the go command passes to its assembler: "-flag", "--flag", "-flag=value",
 * "-flag value" for non-boolean flags, parsing stopping at the first non-flag argument or "--",
 * and Go's error texts. (picocli's option grammar differs in these corners, so the drop-in
 * subcommand keeps its own small parser.)
 */
final class GoFlagSet {
    /** How a flag takes its value. */
    enum Kind {
        /** -flag or -flag=true/false. */
        BOOL,
        /** -flag value or -flag=value. */
        STRING,
        /** Repeatable string. */
        LIST,
        /** Go's objabi count flag: -S adds one, -S=n sets n. */
        COUNT,
        /** Go's -V: boolean syntax with an optional =value; acts at once, ending flag parsing. */
        STRING_OPTIONAL
    }

    record Spec(String name, Kind kind, String valueName, String usage, String defaultText) {
    }

    /** A parse failure: the message Go prints before the usage text. */
    static final class FlagException extends Exception {
        FlagException(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    GoFlagSet define(String name, Kind kind, String valueName, String usage, String defaultText) {
        specs.put(name, new Spec(name, kind, valueName, usage, defaultText));
        return this;
    }

    void parse(List<String> args) throws FlagException {
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
            Spec spec = specs.get(name);
            if (spec == null) {
                if (name.equals("help") || name.equals("h")) {
                    throw new FlagException(null);
                }
                throw new FlagException("flag provided but not defined: -" + name);
            }
            switch (spec.kind()) {
                case BOOL -> values.put(name, value == null || parseBool(value, name));
                case COUNT -> values.put(name, parseCount(value, name));
                case STRING_OPTIONAL -> {
                    values.put(name, value == null ? "" : value);
                    return;
                }
                case STRING, LIST -> {
                    if (value == null) {
                        if (i >= args.size()) {
                            throw new FlagException("flag needs an argument: -" + name);
                        }
                        value = args.get(i++);
                    }
                    if (spec.kind() == Kind.STRING) {
                        values.put(name, value);
                    } else {
                        @SuppressWarnings("unchecked")
                        List<String> list = (List<String>) values.computeIfAbsent(name, k -> new ArrayList<String>());
                        list.add(value);
                    }
                }
            }
        }
        positional.addAll(args.subList(i, args.size()));
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

    int count(String name) {
        return (Integer) values.getOrDefault(name, 0);
    }

    String string(String name, String dflt) {
        return (String) values.getOrDefault(name, dflt);
    }

    @SuppressWarnings("unchecked")
    List<String> list(String name) {
        return (List<String>) values.getOrDefault(name, List.of());
    }

    List<String> positional() {
        return positional;
    }

    /** Go's flag.PrintDefaults layout: flags sorted by name, usage on the next line unless the flag is a one-letter bool. */
    String defaults() {
        StringBuilder sb = new StringBuilder();
        for (Spec s : new TreeMap<>(specs).values()) {
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
            if (!s.defaultText().isEmpty()) {
                sb.append(" (default ").append(s.defaultText()).append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
