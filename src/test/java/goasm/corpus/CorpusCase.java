package goasm.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One recorded assembler run of `go build -a std cmd` (tools/corpus/record.sh): its folder holds
 * {@code args} (one per line, with {@code @CASE@} for the folder itself and {@code @OUT@} for the
 * output folder), {@code cwd} (where go build ran the assembler), {@code env} (the GOOS, GOARCH,
 * ... it ran with, KEY=VALUE lines; a case without it ran with an empty environment, so for
 * linux/amd64) and {@code inc/} (the go_asm.h it included from go build's work folder).
 *
 * @param name    the folder's name, e.g. {@code linux.runtime.asm_amd64.s}
 * @param kind    an assembly or a -gensymabis run
 * @param dir     the folder
 * @param cwd     the working directory of the run
 * @param argsTemplate the arguments, placeholders unfilled
 * @param env     the environment variables Go's assembler reads, as recorded
 */
public record CorpusCase(String name, Kind kind, Path dir, Path cwd, List<String> argsTemplate,
                         Map<String, String> env) {
    public static final String CASE_DIR = "@CASE@";
    public static final String OUT_DIR = "@OUT@";

    public enum Kind {
        /** Assembles: the listing (-S), diagnostics and status are compared. */
        ASM,
        /** -gensymabis: the symabis file, diagnostics and status are compared. */
        SYMABIS
    }

    /** Reads the case in {@code dir}. */
    public static CorpusCase read(Path dir) {
        try {
            Kind kind = switch (Files.readString(dir.resolve("kind")).strip()) {
                case "asm" -> Kind.ASM;
                case "symabis" -> Kind.SYMABIS;
                default -> throw new IllegalArgumentException(dir + "/kind is neither asm nor symabis");
            };
            Path cwd = Path.of(Files.readString(dir.resolve("cwd")).strip());
            List<String> args = Files.readAllLines(dir.resolve("args"), StandardCharsets.UTF_8);
            Map<String, String> env = new TreeMap<>();
            Path envFile = dir.resolve("env");
            if (Files.isRegularFile(envFile)) {
                for (String line : Files.readAllLines(envFile, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        env.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            }
            return new CorpusCase(dir.getFileName().toString(), kind, dir.toAbsolutePath(), cwd, List.copyOf(args),
                    Collections.unmodifiableMap(env));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every case under {@code corpusDir}, by name. */
    public static List<CorpusCase> readAll(Path corpusDir) {
        try (Stream<Path> entries = Files.list(corpusDir)) {
            return entries.filter(d -> Files.isRegularFile(d.resolve("args"))).sorted()
                    .map(CorpusCase::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The arguments to run with: placeholders filled in, and for an assembly run -S first (the
     * listing is what is compared).
     */
    public List<String> args(Path outDir) {
        List<String> args = new ArrayList<>();
        if (kind == Kind.ASM) {
            args.add("-S");
        }
        for (String arg : argsTemplate) {
            args.add(arg.replace(CASE_DIR, dir.toString()).replace(OUT_DIR, outDir.toString()));
        }
        return args;
    }

    /** The output file (-o) of the run, in {@code outDir}. */
    public Path output(Path outDir) {
        List<String> args = args(outDir);
        int o = args.indexOf("-o");
        if (o < 0 || o + 1 >= args.size()) {
            throw new IllegalStateException(name + " has no -o");
        }
        return Path.of(args.get(o + 1));
    }

    /**
     * A digest of everything the run's output depends on: arguments, working directory, and the
     * bytes of the files it reads (the inc/ headers and every argument naming a file). Go's
     * results are cached under it.
     */
    public String inputDigest(Path goTool) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, "tool " + goTool + " " + Files.size(goTool));
            update(sha, "cwd " + cwd);
            env.forEach((key, value) -> update(sha, "env " + key + "=" + value));
            for (String arg : argsTemplate) {
                update(sha, "arg " + arg);
                Path file = cwd.resolve(arg);
                if (!arg.startsWith("@") && !arg.startsWith("-") && Files.isRegularFile(file)) {
                    sha.update(Files.readAllBytes(file));
                }
            }
            Path inc = dir.resolve("inc");
            if (Files.isDirectory(inc)) {
                try (Stream<Path> headers = Files.list(inc)) {
                    for (Path header : headers.sorted().toList()) {
                        update(sha, "inc " + header.getFileName());
                        sha.update(Files.readAllBytes(header));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
