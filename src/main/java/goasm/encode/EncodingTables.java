package goasm.encode;

import goasm.release.GoRelease;
import goasm.release.InstructionSet;
import goasm.release.InstructionSet.FormRevision;

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
import java.util.Set;

/**
 * The amd64 form tables, read once from {@code amd64-forms.txt} (legacy and SSE encodings) and
 * {@code amd64-avx-forms.txt} (VEX and EVEX encodings) next to this class. The files are the
 * single place that says which encodings exist; adding instructions means adding lines.
 *
 * <p>The base tables hold every instruction of every supported release. A release that encodes
 * some instruction differently names a {@link FormRevision}; its file under {@code revisions/}
 * (same syntax) replaces the entries of the mnemonics it lists.
 */
final class EncodingTables {
    private static final List<String> RESOURCES = List.of("amd64-forms.txt", "amd64-avx-forms.txt");

    private final Map<String, OpEntry> ops;
    private final List<SpecialForm> specials;

    private EncodingTables(Map<String, OpEntry> ops, List<SpecialForm> specials) {
        this.ops = ops;
        this.specials = specials;
    }

    /** Lazily loaded shared instance; the tables are immutable once read. */
    private static final class Holder {
        static final EncodingTables INSTANCE = load();
    }

    /** Each revision's replacement entries, read once. */
    private static final class Revisions {
        static final Map<FormRevision, Map<String, OpEntry>> ENTRIES = loadRevisions();
    }

    /** The base tables (as Go 1.19 to 1.26 encode). */
    static EncodingTables amd64() {
        return Holder.INSTANCE;
    }

    /**
     * The tables of every release's revision set, built once: merging the revisions into a copy
     * of the base tables costs a warm assembler more than assembling a small file.
     */
    private static final class Revised {
        static final Map<Set<FormRevision>, EncodingTables> BY_REVISIONS = buildForReleases();

        private static Map<Set<FormRevision>, EncodingTables> buildForReleases() {
            Map<Set<FormRevision>, EncodingTables> tables = new HashMap<>();
            for (GoRelease release : GoRelease.values()) {
                Set<FormRevision> revisions = InstructionSet.of(release).revisions();
                if (!revisions.isEmpty()) {
                    tables.computeIfAbsent(revisions, EncodingTables::revised);
                }
            }
            return Map.copyOf(tables);
        }
    }

    /** The base tables with these revisions applied. */
    static EncodingTables amd64(Set<FormRevision> revisions) {
        if (revisions.isEmpty()) {
            return amd64();
        }
        EncodingTables known = Revised.BY_REVISIONS.get(revisions);
        return known != null ? known : revised(revisions);
    }

    private static EncodingTables revised(Set<FormRevision> revisions) {
        Map<String, OpEntry> ops = new HashMap<>(amd64().ops);
        for (FormRevision revision : revisions) {
            ops.putAll(Revisions.ENTRIES.get(revision));
        }
        return new EncodingTables(Map.copyOf(ops), amd64().specials);
    }

    /** The file that holds a revision's entries. */
    private static String resourceOf(FormRevision revision) {
        return switch (revision) {
            case MOVQ_SHORTEST_IMMEDIATE -> "revisions/movq-shortest-immediate.txt";
        };
    }

    private static Map<FormRevision, Map<String, OpEntry>> loadRevisions() {
        Map<FormRevision, Map<String, OpEntry>> all = new EnumMap<>(FormRevision.class);
        for (FormRevision revision : FormRevision.values()) {
            Map<String, OpEntry> ops = new HashMap<>();
            List<SpecialForm> specials = new ArrayList<>();
            read(resourceOf(revision), ops, specials);
            if (!specials.isEmpty()) {
                throw new IllegalStateException(resourceOf(revision) + ": revisions replace op entries only");
            }
            all.put(revision, Map.copyOf(ops));
        }
        return all;
    }

    OpEntry lookup(String mnemonic) {
        return ops.get(mnemonic);
    }

    List<SpecialForm> specials() {
        return specials;
    }

    private static EncodingTables load() {
        Map<String, OpEntry> ops = new HashMap<>();
        List<SpecialForm> specials = new ArrayList<>();
        for (String resource : RESOURCES) {
            read(resource, ops, specials);
        }
        return new EncodingTables(Map.copyOf(ops), List.copyOf(specials));
    }

    private static void read(String resource, Map<String, OpEntry> ops, List<SpecialForm> specials) {
        try (InputStream in = EncodingTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            parse(resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), ops, specials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EncodingTables parse(BufferedReader reader) throws IOException {
        Map<String, OpEntry> ops = new HashMap<>();
        List<SpecialForm> specials = new ArrayList<>();
        parse("(tables)", reader, ops, specials);
        return new EncodingTables(Map.copyOf(ops), List.copyOf(specials));
    }

    /** Adds one file's entries; form list names are local to the file, mnemonics are global. */
    private static void parse(String resource, BufferedReader reader, Map<String, OpEntry> ops,
                              List<SpecialForm> specials) throws IOException {
        Map<String, List<FormRow>> forms = new HashMap<>();
        List<FormRow> current = null;
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] f = trimmed.split("\\s+");
            try {
                if (line.startsWith(" ")) {
                    if (current == null) {
                        throw new IllegalStateException("row outside a form list");
                    }
                    List<OperandClass> args = new ArrayList<>();
                    for (int i = 2; i < f.length; i++) {
                        args.add(OperandClass.bySpelling(f[i]));
                    }
                    current.add(new FormRow(Emit.bySpelling(f[0]), Integer.parseInt(f[1]), List.copyOf(args)));
                    continue;
                }
                switch (f[0]) {
                    case "forms" -> {
                        current = new ArrayList<>();
                        if (forms.put(f[1], current) != null) {
                            throw new IllegalStateException("form list " + f[1] + " defined twice");
                        }
                    }
                    case "op" -> {
                        List<FormRow> rows = forms.get(f[2]);
                        if (rows == null) {
                            throw new IllegalStateException("unknown form list " + f[2]);
                        }
                        OpEntry entry = new OpEntry(f[1], f[2], List.copyOf(rows), PrefixRule.valueOf(f[3]),
                                OpcodeSpelling.parse(f, 4));
                        if (ops.put(f[1], entry) != null) {
                            throw new IllegalStateException("mnemonic " + f[1] + " listed twice");
                        }
                        current = null;
                    }
                    case "special" -> {
                        specials.add(new SpecialForm(f[1], OperandClass.bySpelling(f[2]), OperandClass.bySpelling(f[3]),
                                OperandClass.bySpelling(f[4]), SpecialForm.Kind.valueOf(f[5]), hex(f, 6)));
                        current = null;
                    }
                    default -> throw new IllegalStateException("unknown directive " + f[0]);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(resource + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
    }

    private static byte[] hex(String[] f, int from) {
        byte[] b = new byte[f.length - from];
        for (int i = from; i < f.length; i++) {
            b[i - from] = (byte) Integer.parseInt(f[i], 16);
        }
        return b;
    }
}
