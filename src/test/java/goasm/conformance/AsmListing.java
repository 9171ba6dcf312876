package goasm.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed `go tool asm -S` listing: per function its instructions (pc, source position,
 * printed text) and its machine code (the hex dump), so that code can be compared per source
 * line. Data symbols and relocation lines are skipped.
 *
 * <pre>
 * asmtest STEXT dupok nosplit asm size=45853 args=0xffffffff80000000 locals=0x0 ...
 * 	0x0000 00000 (amd64enc.s:7)	ADCB	$7, AL
 * 	0x0000 14 07 66 15 23 f1 15 67 45 23 f1 48 15 67 45 23  ..f.#..gE#.H.gE#
 * 	rel 5+4 t=15 TLS+0
 * </pre>
 */
public record AsmListing(List<Function> functions) {
    /** One instruction line: where it is, where it came from, and what it printed. */
    public record Entry(int pc, String file, int line, String text) {
    }

    /** A text symbol with its instructions and code bytes. */
    public record Function(String name, int size, List<Entry> entries, byte[] code) {
        /**
         * The code of each source line (of the given file name), with the printed text of its
         * instructions joined by "; ". An instruction's bytes run from its pc to the next
         * instruction's pc (the function's end for the last one).
         */
        public Map<Integer, LineCode> bySourceLine(String fileName) {
            Map<Integer, StringBuilder> texts = new LinkedHashMap<>();
            Map<Integer, ByteArrayOutputStream> bytes = new LinkedHashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                if (!entry.file().equals(fileName) && !entry.file().endsWith("/" + fileName)) {
                    continue;
                }
                int end = i + 1 < entries.size() ? entries.get(i + 1).pc() : size;
                StringBuilder text = texts.computeIfAbsent(entry.line(), k -> new StringBuilder());
                if (!text.isEmpty()) {
                    text.append("; ");
                }
                text.append(entry.text());
                ByteArrayOutputStream out = bytes.computeIfAbsent(entry.line(), k -> new ByteArrayOutputStream());
                if (entry.pc() <= end && end <= code.length) {
                    out.write(code, entry.pc(), end - entry.pc());
                }
            }
            Map<Integer, LineCode> result = new LinkedHashMap<>();
            texts.forEach((line, text) -> result.put(line, new LineCode(text.toString(), bytes.get(line).toByteArray())));
            return result;
        }
    }

    /** What one source line turned into: printed text and machine code. */
    public record LineCode(String text, byte[] code) {
        public String hex() {
            return HexFormat.of().formatHex(code);
        }

        public boolean sameText(LineCode other) {
            return text.equals(other.text);
        }

        public boolean sameCode(LineCode other) {
            return Arrays.equals(code, other.code);
        }
    }

    private static final Pattern HEADER = Pattern.compile("^(\\S.*?) (S\\w+)(?: .*)? size=(\\d+)(?: .*)?$");
    private static final Pattern ENTRY = Pattern.compile("^\t0x[0-9a-f]{4,} (\\d+) \\((.*):(\\d+)\\)\t(.*)$");
    private static final Pattern HEX = Pattern.compile("^\t0x([0-9a-f]{4,})((?: [0-9a-f]{2}){1,16})(?:  |$)");

    /** Parses a listing; lines it does not know (relocations, data) are skipped. */
    public static AsmListing parse(String listing) {
        List<Function> functions = new ArrayList<>();
        String name = null;
        int size = 0;
        boolean text = false;
        List<Entry> entries = new ArrayList<>();
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        for (String line : listing.split("\n", -1)) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (name != null && text) {
                    functions.add(new Function(name, size, List.copyOf(entries), code.toByteArray()));
                }
                name = header.group(1);
                text = header.group(2).equals("STEXT");
                size = Integer.parseInt(header.group(3));
                entries = new ArrayList<>();
                code = new ByteArrayOutputStream();
                continue;
            }
            if (name == null || !text) {
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (entry.matches()) {
                entries.add(new Entry(Integer.parseInt(entry.group(1)), entry.group(2),
                        Integer.parseInt(entry.group(3)), entry.group(4)));
                continue;
            }
            Matcher hex = HEX.matcher(line);
            if (hex.find()) {
                int offset = Integer.parseInt(hex.group(1), 16);
                byte[] chunk = HexFormat.of().parseHex(hex.group(2).replace(" ", ""));
                if (offset == code.size()) {
                    code.writeBytes(chunk);
                }
            }
        }
        if (name != null && text) {
            functions.add(new Function(name, size, List.copyOf(entries), code.toByteArray()));
        }
        return new AsmListing(List.copyOf(functions));
    }

    /** The function of this name (as printed, e.g. {@code "".add} or {@code asmtest}). */
    public Function function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no function " + name + " in the listing"));
    }
}
