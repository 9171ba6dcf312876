package goasm.asm;

import goasm.emit.Listing;
import goasm.emit.SehUnwindInfo;
import goasm.emit.goobj.GoObject;
import goasm.encode.Amd64Encoder;
import goasm.frame.DynlinkR15Check;
import goasm.frame.FrameLowering;
import goasm.frame.InsertionLog;
import goasm.frame.TlsUnsafePoints;
import goasm.lex.InputError;
import goasm.lex.Preprocessor;
import goasm.lex.TokenSource;
import goasm.parse.Parser;
import goasm.obj.Diagnostics;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Symbol;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * One run of the assembler over its input files, in Go's order (the same in every supported release): each file is parsed and
 * its functions lowered and encoded before the next file is read; the listing and output come
 * after the last file. Any error: Go's "assembly of f.s failed" line, status 1, no output file.
 */
public final class Assembler {
    /** Go's listing goes through a bufio.Writer of this size on stdout. */
    private static final int GO_STDOUT_BUFFER = 4096;

    private final AsmOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final java.util.function.Consumer<PrintStream> usage;
    /** Told why frame lowering inserted or rewrote instructions (goasm explain); NONE otherwise. */
    private final InsertionLog insertions;

    public Assembler(AsmOptions options, PrintStream out, PrintStream err) {
        this(options, out, err, InsertionLog.NONE, stream -> { });
    }

    public Assembler(AsmOptions options, PrintStream out, PrintStream err, InsertionLog insertions) {
        this(options, out, err, insertions, stream -> { });
    }

    /** {@code usage} prints the command's usage text, which Go shows after a malformed -D. */
    public Assembler(AsmOptions options, PrintStream out, PrintStream err, InsertionLog insertions,
                     java.util.function.Consumer<PrintStream> usage) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.insertions = insertions;
        this.usage = usage;
    }

    /**
     * The outcome of assembling without writing anything: the exit status the CLI would return
     * and the Link holding every function and data symbol (complete only when status is 0).
     */
    public record Assembly(int status, Link link) {
        public boolean ok() {
            return status == 0;
        }
    }

    /**
     * Assembles the input files and returns the symbols instead of printing a listing or writing
     * an object; diagnostics still go to the error stream in Go's words.
     */
    public Assembly assemble() {
        Link link = newLink();
        int status = assembleInto(link, new StringBuilder(), false);
        return new Assembly(status == ASSEMBLY_FAILED ? 1 : status, link);
    }

    /**
     * Returns the exit status. As in Go, the output file is created before the first input is
     * read and removed again when the assembly fails.
     */
    public int run() {
        Link link = newLink();
        OutputFile output;
        try {
            output = OutputFile.create(options.workingDir(), options.outputFile());
        } catch (OutputFile.CreateFailure e) {
            err.println("asm: " + e.getMessage());
            return 1;
        }
        StringBuilder symAbis = new StringBuilder();
        int status = assembleInto(link, symAbis, true);
        if (status != 0) {
            // Go removes its output after "assembly failed"; after an error that ends its run at
            // once it leaves the file it created empty. goasm leaves no file after any failure.
            output.removeAfterFailure(status == ASSEMBLY_FAILED);
            return status == ASSEMBLY_FAILED ? 1 : status;
        }
        if (options.genSymAbis()) {
            return write(output, symAbis.toString().getBytes(StandardCharsets.UTF_8));
        }
        GoObject object = GoObject.build(link, objectOptions());
        String listing = options.printOut() > 0 ? listing(link, object) : "";
        if (options.importPath().isEmpty() && GoObject.requiresPackagePath(options.release())) {
            // Go stops (without flushing its listing) after writing the object's header line.
            printWholeBuffers(listing);
            write(output, (objectOptions().headerLine() + "!\n").getBytes(StandardCharsets.UTF_8));
            err.println("asm: empty package path");
            return 1;
        }
        List<String> objectErrors = object.errors();
        if (!objectErrors.isEmpty()) {
            printWholeBuffers(listing);
            objectErrors.forEach(e -> err.println("asm: " + e));
            err.println("asm: assembly failed");
            output.removeAfterFailure(true);
            return 1;
        }
        out.print(listing);
        return write(output, object.bytes());
    }

    /** {@link #assembleInto}'s status when Go reports "assembly failed" and removes its output. */
    private static final int ASSEMBLY_FAILED = -1;

    private int write(OutputFile output, byte[] bytes) {
        String failure = output.write(bytes);
        if (failure != null) {
            err.println("asm: " + failure);
            return 1;
        }
        return 0;
    }

    /**
     * What reaches stdout of a listing when Go exits without flushing its 4096-byte buffered
     * writer: only the buffers that filled up.
     */
    private void printWholeBuffers(String listing) {
        byte[] bytes = listing.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length / GO_STDOUT_BUFFER * GO_STDOUT_BUFFER);
    }

    private GoObject.Options objectOptions() {
        return new GoObject.Options(options.importPath(), options.shared() || options.dynlink(), options.linkshared(),
                goWorkingDir(options.workingDir(), options.pwd()), options.trimPath(), options.goRoot(),
                GoObject.headerLine(options.release(), options.os().goos(), options.goamd64(), options.experiments()),
                options.release(), options.experiments(), options.std());
    }

    private Link newLink() {
        Diagnostics diagnostics = new Diagnostics(err, options.allErrors());
        return new Link(new Link.Options(options.dynlink(), options.shared() || options.dynlink(),
                options.compilingRuntime(), options.retpoline(), options.mayMoreStack() != null, options.os(),
                options.release()), diagnostics,
                options.verbose() ? out::println : line -> { }, out::println);
    }

    /** Parses, lowers and encodes every file into the link; returns 0 or the failing exit status. */
    private int assembleInto(Link link, StringBuilder symAbis, boolean withListing) {
        Diagnostics diagnostics = link.diagnostics();
        String failedFile = null;
        try {
            for (String file : options.files()) {
                int firstFunction = link.text().size();
                Parser parser;
                try {
                    TokenSource input = Preprocessor.open(file, options.includeDirs(), options.defines(),
                            options.compilingRuntime() ? options.experiments() : List.of(), diagnostics::note,
                            options.workingDir());
                    parser = new Parser(link, input, options.importPath());
                    if (options.debug()) {
                        parser.setDebugOutput(out::println);
                    }
                } catch (InputError e) {
                    // Go stops at once when it cannot even open the input.
                    err.println("asm: " + e.render());
                    if (e.showsUsage()) {
                        usage.accept(err);
                        return 2;
                    }
                    return 1;
                }
                diagnostics.newParser();
                boolean ok = options.genSymAbis() ? parser.parseSymAbis(symAbis) : parser.parse();
                if (!ok) {
                    if (parser.inputFailed()) {
                        // Preprocessor errors end the run at once, without the "assembly failed" line.
                        return 1;
                    }
                    failedFile = file;
                    break;
                }
                if (!options.genSymAbis()) {
                    backEnd(link, parser.instructionsOutsideText(),
                            link.text().subList(firstFunction, link.text().size()));
                }
            }
        } catch (Diagnostics.TooManyErrors e) {
            err.println("asm: too many errors");
            return 1;
        } catch (Diagnostics.Fatal e) {
            // Go's log.Fatalf: the message is out, the process ends (stdout's buffer unflushed).
            return 1;
        }
        if (failedFile != null || diagnostics.hasErrors()) {
            if (withListing && failedFile == null && options.printOut() > 0 && !options.genSymAbis()) {
                // Go still formats the listing into a 4096-byte buffered stdout and then exits
                // without flushing it: only whole buffers reach the output.
                printWholeBuffers(listing(link));
            }
            if (withListing && failedFile == null && !options.genSymAbis()) {
                objectErrorsAfterFailure(link);
            }
            err.println(failedFile != null ? "asm: assembly of " + failedFile + " failed" : "asm: assembly failed");
            return ASSEMBLY_FAILED;
        }
        return 0;
    }

    /**
     * Go writes the object whenever every file parsed, even after errors of the later passes,
     * and the writer's own complaints ("symbol too large") come before "assembly failed".
     */
    private void objectErrorsAfterFailure(Link link) {
        List<String> errors;
        try {
            errors = GoObject.build(link, objectOptions()).errors();
        } catch (RuntimeException e) {
            // Functions that failed to assemble may leave nothing an object could describe.
            return;
        }
        errors.forEach(e -> err.println("asm: " + e));
    }

    /**
     * The listing after errors of the later passes, which Go prints while laying out the object
     * all the same: without DWARF symbols (Go lists none after such errors), with -S=3's indexes when
     * the functions allow a layout.
     */
    private String listing(Link link) {
        GoObject indexes = null;
        if (options.printOut() > 2) {
            try {
                indexes = GoObject.build(link, objectOptions());
            } catch (RuntimeException e) {
                // Functions that failed to assemble may leave nothing an object could number.
            }
        }
        StringBuilder listing = new StringBuilder(4096);
        Listing.write(link, listing, options.printOut() > 1, List.of(), options.importPath(), indexes);
        return listing.toString();
    }

    /**
     * The listing as Go prints it while writing the object: -S=2 adds the DWARF symbols, -S=3 the
     * symbols' indexes in the object.
     */
    private String listing(Link link, GoObject object) {
        StringBuilder listing = new StringBuilder(4096);
        Listing.write(link, listing, options.printOut() > 1,
                options.printOut() > 1 ? object.dwarfSymbols() : List.of(), options.importPath(),
                options.printOut() > 2 ? object : null);
        return listing.toString();
    }

    /**
     * The working directory as Go's os.Getwd names it: $PWD when that is the same directory
     * (keeping the symbolic links it was reached through), else the physical path.
     */
    private static String goWorkingDir(Path dir, String pwd) {
        Path abs = dir.toAbsolutePath();
        try {
            if (pwd.startsWith("/") && Files.isSameFile(Path.of(pwd), abs)) {
                return pwd;
            }
            return abs.toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return abs.toString();
        }
    }

    /**
     * What Go's obj.Flushplist does with one file's functions. Under -v -S it first lists the
     * file's whole instruction list, so the instructions before the first TEXT come first there.
     */
    private void backEnd(Link link, List<Prog> outsideText, List<Symbol> functions) {
        if (options.verbose() && options.printOut() > 0) {
            for (Prog p : outsideText) {
                out.println("obj: " + OperandFormat.withPosition(p));
            }
            for (Symbol fn : functions) {
                for (Prog p = fn.func.text; p != null; p = p.link) {
                    out.println("obj: " + OperandFormat.withPosition(p));
                }
            }
        }
        new FuncDataPass(link, options.importPath(), insertions).run(functions);
        FrameLowering frames = new FrameLowering(link, options.mayMoreStack(), insertions);
        Amd64Encoder encoder = new Amd64Encoder(link);
        DynlinkR15Check r15 = new DynlinkR15Check(link);
        TlsUnsafePoints tlsUnsafePoints = new TlsUnsafePoints(link, insertions);
        SehUnwindInfo unwindInfo = new SehUnwindInfo(link);
        for (Symbol fn : functions) {
            r15.check(fn);
            frames.edit(fn);
            frames.lower(fn);
            FrameLowering.expandAdjsp(fn);
            encoder.assemble(fn);
            tlsUnsafePoints.mark(fn);
            // Made from the encoded prologue, once the function assembled without errors.
            if (!link.diagnostics().hasErrors()) {
                unwindInfo.attach(fn);
            }
        }
    }
}
