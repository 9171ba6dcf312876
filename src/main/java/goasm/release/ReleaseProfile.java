package goasm.release;

import java.util.Map;
import java.util.Objects;

/**
 * The Go release goasm follows in one run, and everything that differs between releases.
 * Each concern (listing, frame lowering, object file, command line, runtime, ...) is a record
 * of its own in this package, built from the release by an exhaustive switch; the pipeline
 * reads facts from those records and never tests version numbers itself.
 *
 * @param release   the release line (1.27)
 * @param goVersion the exact version written into object files and printed by -V ("go1.27.3"):
 *                  the followed GOROOT's VERSION when known, else {@link GoRelease#referencePatch()}
 * @param goRoot    the GOROOT of that release as Go's own tools would see it (recorded in objects
 *                  as $GOROOT)
 */
public record ReleaseProfile(GoRelease release, String goVersion, String goRoot) {
    public ReleaseProfile {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(goVersion, "goVersion");
        Objects.requireNonNull(goRoot, "goRoot");
    }

    /**
     * The release as installed where Debian installs it (/usr/lib/go-1.27), at the patch
     * release goasm is checked against.
     */
    public static ReleaseProfile reference(GoRelease release) {
        return new ReleaseProfile(release, release.referencePatch(), "/usr/lib/go-" + release.line());
    }

    /** The newest supported release, as followed when nothing names another. */
    public static ReleaseProfile newest() {
        return reference(GoRelease.NEWEST);
    }

    // ---- concern records (each built from the release by an exhaustive switch) ----

    /** The GOOS values this release knows. */
    public Systems systems() {
        return SystemsTable.TABLE.get(release);
    }

    /** The GOEXPERIMENTs of this release. */
    public Experiments experiments() {
        return Experiments.of(release);
    }

    /** How this release writes object files. */
    public ObjectFormat objectFormat() {
        return ObjectFormat.of(release);
    }

    /** The `asm` command line of this release: flags, usage text, `-d` keys. */
    public CommandLine commandLine() {
        return CommandLineTable.TABLE.get(release);
    }

    /** How this release reads and checks GOAMD64, GOEXPERIMENT and the other build settings. */
    public BuildConfig buildConfig() {
        return BuildConfigTable.TABLE.get(release);
    }

    /** Register names that differ between releases ({@code g}). */
    public RegisterNames registerNames() {
        return RegisterNames.of(release);
    }

    /** What a second TEXT for a symbol reports. */
    public TextSymbols textSymbols() {
        return TextSymbols.of(release);
    }

    /** How ·name symbols are named (the local package's prefix). */
    public SymbolNaming symbolNaming() {
        return SymbolNaming.of(release);
    }

    /** The -S listing's header fields and relocation display. */
    public ListingFormat listing() {
        return ListingFormat.of(release);
    }

    /** Which instructions carry a source position. */
    public SourcePositions positions() {
        return SourcePositions.of(release);
    }

    /** The objabi.RelocType numbers of relocation kinds. */
    public RelocKinds relocKinds() {
        return RelocKinds.of(release);
    }

    /** Which FUNCDATA the assembler adds to functions. */
    public FuncDataRules funcData() {
        return FuncDataRules.of(release);
    }

    /** Prologue, epilogue and stack-check shapes of the amd64 back end. */
    public FrameRules frame() {
        return FrameRulesTable.TABLE.get(release);
    }

    /** Which symbols belong to the FIPS 140 module and get its kinds. */
    public FipsScope fips() {
        return FipsScope.of(release);
    }

    /** The SEH unwind information of windows functions. */
    public SehUnwind sehUnwind() {
        return SehUnwind.of(release);
    }

    /** The FuncIDs of special runtime functions. */
    public FuncIds funcIds() {
        return FuncIdsTable.TABLE.get(release);
    }

    /** The amd64 instructions this release knows and the revisions of their forms. */
    public InstructionSet instructionSet() {
        return InstructionSetTable.TABLE.get(release);
    }

    /** How this release's amd64 encoder differs: diagnostics, Duff's device calls, PCALIGN. */
    public EncoderRules encoderRules() {
        return EncoderRulesTable.TABLE.get(release);
    }

    /** Where the runtime keeps g, gobuf, m and _defer fields. */
    public RuntimeLayout runtimeLayout() {
        return RuntimeLayoutTable.TABLE.get(release);
    }

    /** The goroutine stack sizes, guards, pools and growth rules. */
    public StackRules stackRules() {
        return StackRulesTable.TABLE.get(release);
    }

    /** runtime.main's frame and the ABI wrapper above an assembly main.main. */
    public MainStart mainStart() {
        return MainStartTable.TABLE.get(release);
    }

    /** Where a call of runtime·newproc passes fn (and, in old releases, fn's arguments). */
    public NewprocCall newprocCall() {
        return NewprocCallTable.TABLE.get(release);
    }

    /** The frames and stack checks of the runtime functions a run program calls. */
    public RuntimeCallFrames runtimeCallFrames() {
        return RuntimeCallFramesTable.TABLE.get(release);
    }

    /** How goroutine tracebacks are worded. */
    public TracebackText tracebackText() {
        return TracebackTextTable.TABLE.get(release);
    }

    /** What the release's linker checks and how it lays out the text. */
    public LinkRules linkRules() {
        return LinkRulesTable.TABLE.get(release);
    }

    /** How the linker checks chains of NOSPLIT functions. */
    public NosplitRules nosplit() {
        return NosplitRulesTable.TABLE.get(release);
    }

    /** What go vet checks in assembly and how it reports it. */
    public VetRules vet() {
        return VetRulesTable.TABLE.get(release);
    }

    // Built on first use, once for every release: read per function or per instruction.
    private static final class FrameRulesTable {
        static final Map<GoRelease, FrameRules> TABLE = ByRelease.table(FrameRules::of);
    }

    private static final class InstructionSetTable {
        static final Map<GoRelease, InstructionSet> TABLE = ByRelease.table(InstructionSet::of);
    }

    private static final class EncoderRulesTable {
        static final Map<GoRelease, EncoderRules> TABLE = ByRelease.table(EncoderRules::of);
    }

    private static final class FuncIdsTable {
        static final Map<GoRelease, FuncIds> TABLE = ByRelease.table(FuncIds::of);
    }

    private static final class RuntimeLayoutTable {
        static final Map<GoRelease, RuntimeLayout> TABLE = ByRelease.table(RuntimeLayout::of);
    }

    private static final class StackRulesTable {
        static final Map<GoRelease, StackRules> TABLE = ByRelease.table(StackRules::of);
    }

    private static final class MainStartTable {
        static final Map<GoRelease, MainStart> TABLE = ByRelease.table(MainStart::of);
    }

    private static final class NewprocCallTable {
        static final Map<GoRelease, NewprocCall> TABLE = ByRelease.table(NewprocCall::of);
    }

    private static final class RuntimeCallFramesTable {
        static final Map<GoRelease, RuntimeCallFrames> TABLE = ByRelease.table(RuntimeCallFrames::of);
    }

    private static final class TracebackTextTable {
        static final Map<GoRelease, TracebackText> TABLE = ByRelease.table(TracebackText::of);
    }

    // Read on every invocation: built once, so that a warm server does not rebuild them per request.
    private static final class SystemsTable {
        static final Map<GoRelease, Systems> TABLE = ByRelease.table(Systems::of);
    }

    private static final class CommandLineTable {
        static final Map<GoRelease, CommandLine> TABLE = ByRelease.table(CommandLine::of);
    }

    private static final class BuildConfigTable {
        static final Map<GoRelease, BuildConfig> TABLE = ByRelease.table(BuildConfig::of);
    }

    private static final class VetRulesTable {
        static final Map<GoRelease, VetRules> TABLE = ByRelease.table(VetRules::of);
    }

    private static final class NosplitRulesTable {
        static final Map<GoRelease, NosplitRules> TABLE = ByRelease.table(NosplitRules::of);
    }

    private static final class LinkRulesTable {
        static final Map<GoRelease, LinkRules> TABLE = ByRelease.table(LinkRules::of);
    }
}
