package goasm.parse;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.lex.Preprocessor;
import goasm.obj.Abi;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Diagnostics;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.RelocType;
import goasm.obj.SymKind;
import goasm.obj.Symbol;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected listings and messages come from Go 1.19's "go tool asm" (-S) on the same text, with
 * the file named x.s; Addr fields are what Go's parser builds, worked out from its rules.
 */
class ParserTest {
    private static final String TEXTFLAG = Path.of("/usr/lib/go-1.19/pkg/include").toString();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Link link;
    private boolean ok;

    private Link assemble(String src) {
        return assemble(src, GO1_19);
    }

    /** The expectations here are Go 1.19's ("".f names, its FuncIDs). */
    private static final Link.Options GO1_19 = Link.Options.DEFAULT.withRelease(goasm.release.ReleaseProfile.reference(goasm.release.GoRelease.GO1_19));

    private Link assemble(String src, Link.Options options) {
        Diagnostics d = new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        link = new Link(options, d);
        List<String> includes = Files.isDirectory(Path.of(TEXTFLAG)) ? List.of(TEXTFLAG) : List.of();
        Preprocessor in = Preprocessor.ofText("x.s", src, includes, List.of(), options.compilingRuntime(), d::note);
        ok = new Parser(link, in).parse();
        return link;
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The function's instructions after TEXT. */
    private static List<Prog> body(Symbol fn) {
        List<Prog> out = new ArrayList<>();
        for (Prog p = fn.func.text.link; p != null; p = p.link) {
            out.add(p);
        }
        return out;
    }

    private Prog only(String instruction) {
        assemble("TEXT ·f(SB), 4, $0\n\t" + instruction + "\n");
        assertThat(errors()).isEmpty();
        return body(link.text().get(0)).get(0);
    }

    @Test
    void printedFormsMatchGoListing() {
        // Lines whose listing form (go tool asm -S) later passes leave alone.
        String[][] cases = {
            {"MOVQ\t$(1<<4+8), AX", "MOVQ\t$24, AX"},
            {"MOVQ\t0x10(BX)(CX*8), DX", "MOVQ\t16(BX)(CX*8), DX"},
            {"MOVQ\t(CX*4), DX", "MOVQ\t0(CX*4), DX"},
            {"LEAQ\truntime·x<>+8(SB), SI", "LEAQ\truntime.x<>+8(SB), SI"},
            {"IMUL3Q\t$7, AX, BX", "IMUL3Q\t$7, AX, BX"},
            {"VPERMT2B Z1, Z2, K1, Z3", "VPERMT2B\tZ1, Z2, K1, Z3"},
            {"MOVQ\tg, AX", "MOVQ\tR14, AX"},
            {"MOVQ\t(TLS), CX", "MOVQ\t(TLS), CX"},
            {"SHLQ\tCL, AX, BX", "SHLQ\tCL, AX, BX"},
            {"CALL\truntime·printnl(SB)", "CALL\truntime.printnl(SB)"},
        };
        for (String[] c : cases) {
            assertThat(OperandFormat.instruction(only(c[0]))).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void registerAndConstantOperands() {
        Prog p = only("ADDQ $-3, R8");
        assertThat(p.op).isEqualTo(Op.ADDQ);
        assertThat(p.from).isEqualTo(Addr.constant(-3));
        assertThat(p.to).isEqualTo(Addr.reg(Reg.R8));
        // 'a' is a rune constant; ~0 and Go's precedence: 2+3*4 = 14, 1<<3|1 = 9.
        assertThat(only("MOVQ $'a', AX").from.offset()).isEqualTo(97);
        assertThat(only("MOVQ $(2+3*4), AX").from.offset()).isEqualTo(14);
        assertThat(only("MOVQ $(1<<3|1), AX").from.offset()).isEqualTo(9);
        assertThat(only("MOVQ $~0, AX").from.offset()).isEqualTo(-1);
        assertThat(only("MOVQ $(7/2), AX").from.offset()).isEqualTo(3);
    }

    @Test
    void floatAndStringImmediates() {
        assertThat(only("MOVSD $(1.5), X0").from).isEqualTo(Addr.floatConstant(1.5));
        assertThat(only("MOVSD $(-0.25), X0").from).isEqualTo(Addr.floatConstant(-0.25));
        assertThat(only("MOVQ $\"hi\", AX").from).isEqualTo(Addr.stringConstant("hi"));
    }

    @Test
    void memoryOperandFields() {
        Addr a = only("MOVQ 8(AX)(BX*4), CX").from;
        assertThat(a).isEqualTo(new Addr(AddrType.MEM, Reg.AX, Reg.BX, 4, AddrName.NONE, 8, null, null, null));
        Addr onlyIndex = only("MOVQ (BX*2), CX").from;
        assertThat(onlyIndex).isEqualTo(new Addr(AddrType.MEM, null, Reg.BX, 2, AddrName.NONE, 0, null, null, null));
        Addr sp = only("MOVQ 16(SP), CX").from;
        assertThat(sp).isEqualTo(Addr.mem(Reg.SP, 16));
    }

    @Test
    void symbolicOperands() {
        assemble("TEXT ·f(SB), 4, $16-24\n\tMOVQ x+8(FP), AX\n\tMOVQ y-8(SP), BX\n\tMOVQ ·g+4(SB), CX\n"
                + "\tMOVQ t<>(SB)(AX*8), DX\n\tMOVQ $·g(SB), SI\n");
        assertThat(errors()).isEmpty();
        List<Prog> b = body(link.text().get(0));
        assertThat(b.get(0).from).isEqualTo(new Addr(AddrType.MEM, null, null, 0, AddrName.PARAM, 8, null, "x", null));
        assertThat(b.get(1).from).isEqualTo(new Addr(AddrType.MEM, null, null, 0, AddrName.AUTO, -8, null, "y", null));
        Symbol g = link.lookup("\"\".g");
        assertThat(b.get(2).from).isEqualTo(Addr.global(g, 4));
        Symbol t = link.lookupStatic("t");
        assertThat(b.get(3).from).isEqualTo(new Addr(AddrType.MEM, null, Reg.AX, 8, AddrName.STATIC, 0, t, null, null));
        assertThat(b.get(4).from).isEqualTo(new Addr(AddrType.ADDR, null, null, 0, AddrName.EXTERN, 0, g, null, null));
    }

    @Test
    void textDefinesTheFunction() {
        assemble("#include \"textflag.h\"\nTEXT runtime·f(SB), NOSPLIT|DUPOK|TOPFRAME, $16-8\n\tRET\n"
                + "TEXT ·g<>(SB), WRAPPER, $-8\n\tRET\n");
        assertThat(ok).isTrue();
        assertThat(errors()).isEmpty();
        Symbol f = link.text().get(0);
        assertThat(f.name()).isEqualTo("runtime.f");
        assertThat(f.kind).isEqualTo(SymKind.STEXT);
        assertThat(f.attrs).contains(Symbol.Attr.NOSPLIT, Symbol.Attr.DUPOK, Symbol.Attr.ON_LIST);
        assertThat(f.func.topFrame).isTrue();
        assertThat(f.func.text.to).isEqualTo(Addr.textSize(16, 8));
        // go tool asm -S prints "TEXT\truntime.f(SB), DUPOK|NOSPLIT|TOPFRAME, $24-8": the frame grows by 8
        // for the saved BP only in frame lowering, so at parse time it is still $16-8.
        assertThat(OperandFormat.instruction(f.func.text)).isEqualTo("TEXT\truntime.f(SB), DUPOK|NOSPLIT|TOPFRAME, $16-8");
        assertThat(body(f)).extracting(p -> p.op).containsExactly(Pseudo.RET);
        Symbol g = link.text().get(1);
        assertThat(g.has(Symbol.Attr.STATIC)).isTrue();
        assertThat(g.func.text.to).isEqualTo(Addr.textSize(-8, Addr.ARGS_SIZE_UNKNOWN));
        // The last FuncID of the release is the wrapper one (21 in Go 1.19, 22 from Go 1.22).
        assertThat(g.func.funcId).isEqualTo(link.release().funcIds().wrapper());
    }

    @Test
    void abiSelectorNeedsCompilingRuntime() {
        assemble("TEXT ·f<ABIInternal>(SB), 4, $0\n\tRET\n");
        // go tool asm -p main
        assertThat(errors()).isEqualTo("x.s:1: ABI selector only permitted when compiling runtime, reference was to \"\\\"\\\".f\"\n");
        err.reset();
        assemble("TEXT ·f<ABIInternal>(SB), 4, $0\n\tRET\n", new Link.Options(false, false, true, false, false).withRelease(GO1_19.release()));
        assertThat(errors()).isEmpty();
        assertThat(link.text().get(0).abi()).isEqualTo(Abi.ABIInternal);
    }

    @Test
    void dataAndGlobl() {
        assemble("DATA ·d+0(SB)/4, $0x01020304\nDATA ·d+4(SB)/4, $(1.5)\nDATA ·d+8(SB)/8, $·d(SB)\n"
                + "DATA ·d+16(SB)/3, $\"ab\"\nGLOBL ·d(SB), 16, $24\nGLOBL ·b(SB), $8\nGLOBL ·r(SB), 8, $8\n");
        assertThat(errors()).isEmpty();
        Symbol d = link.data().get(0);
        assertThat(d.name()).isEqualTo("\"\".d");
        // NOPTR turns data into SNOPTRDATA; no DATA and no flags is SBSS; RODATA is SRODATA.
        assertThat(d.kind).isEqualTo(SymKind.SNOPTRDATA);
        assertThat(d.size).isEqualTo(24);
        assertThat(d.data).containsExactly(4, 3, 2, 1, 0, 0, 0xc0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0, 'a', 'b', 0);
        assertThat(d.relocs).singleElement().satisfies(r -> {
            assertThat(r.offset()).isEqualTo(8);
            assertThat(r.size()).isEqualTo(8);
            assertThat(r.type()).isEqualTo(RelocType.ADDR);
            assertThat(r.sym()).isSameAs(d);
        });
        assertThat(link.data().get(1).kind).isEqualTo(SymKind.SBSS);
        assertThat(link.data().get(2).kind).isEqualTo(SymKind.SRODATA);
    }

    @Test
    void labelsResolveForwardAndBackward() {
        assemble("TEXT ·f(SB), 4, $0\nloop:\n\tDECQ AX\n\tJNE loop\n\tJMP done\n\tNOP\ndone:\n\tRET\n");
        assertThat(errors()).isEmpty();
        List<Prog> b = body(link.text().get(0));
        assertThat(b.get(0).op).isEqualTo(Op.DECQ);
        assertThat(b.get(0).to).isEqualTo(Addr.reg(Reg.AX)); // DECQ's operand is a destination
        assertThat(b.get(1).to.target()).isSameAs(b.get(0));
        assertThat(b.get(2).to.target()).isSameAs(b.get(4));
    }

    @Test
    void relativeAndSymbolBranches() {
        assemble("TEXT ·f(SB), 4, $0\n\tJMP 2(PC)\n\tCALL runtime·printnl(SB)\n\tJMP AX\n\tJA 0(PC)\n");
        List<Prog> b = body(link.text().get(0));
        // TEXT is instruction 1, so the JMP is 2 and 2(PC) counts to 4.
        assertThat(b.get(0).to.type()).isEqualTo(AddrType.BRANCH);
        assertThat(b.get(0).to.offset()).isEqualTo(4);
        assertThat(b.get(1).to).isEqualTo(Addr.branchToSymbol(link.lookup("runtime.printnl")));
        assertThat(b.get(2).to).isEqualTo(Addr.reg(Reg.AX));
        assertThat(b.get(3).op).isEqualTo(Op.JHI);
    }

    @Test
    void functionsHaveTheirOwnChains() {
        assemble("NOP\nTEXT ·f(SB), 4, $0\n\tRET\nTEXT ·g(SB), 4, $0\n\tNOP\n\tRET\n");
        assertThat(link.text()).hasSize(2);
        assertThat(body(link.text().get(0))).hasSize(1);
        assertThat(body(link.text().get(1))).extracting(p -> p.op).containsExactly(Pseudo.NOP, Pseudo.RET);
    }

    @Test
    void macrosReportTheLineOfUse() {
        assemble("#define TWO NOP; NOP\nTEXT ·f(SB), 4, $0\n\tTWO\n\tRET\n");
        List<Prog> b = body(link.text().get(0));
        assertThat(b).extracting(p -> p.pos.toString()).containsExactly("x.s:3", "x.s:3", "x.s:4");
    }

    @Test
    void suffixes() {
        assertThat(only("VADDPD.Z Z1, Z2, K1, Z3").suffix).isEqualTo(1);
        assemble("TEXT ·f(SB), 4, $0\n\tVADDPD.Q Z1, Z2, Z3\n");
        assertThat(errors()).isEqualTo("x.s:2: unknown suffix \"Q\"\n");
    }

    @Test
    void errorsInGosWords() {
        // Each expected line is what go tool asm printed for the same file.
        String[][] cases = {
            {"TEXT ·f(SB), 4, $0\n MOVQ $(1&^2), AX\n", "x.s:2: unexpected ^ evaluating expression\n"},
            {"TEXT ·f(SB), 4, $0\n MOVQ $0x1ffffffffffffffff, AX\n",
                "x.s:2: strconv.ParseUint: parsing \"0x1ffffffffffffffff\": value out of range\n"},
            {"TEXT ·f(SB), 4, $0\n MOVQ $(1/0), AX\n", "x.s:2: division by zero\n"},
            {"TEXT ·f(SB), 4, $0\n MOVQ $1, @AX\n", "x.s:2: expected '(', found AX\n"},
            {"#include \"textflag.h\"\nTEXT ·f(SB), NOSPLIT, $0\n\tMOVQ $FOO, AX\n",
                "x.s:3: illegal or missing addressing mode for symbol FOO\n"},
            {"TEXT ·f(SB), 4, $0\n\tMOVQ $1, AX, BX, CX, DX, SI\n", "x.s:2: can't handle MOVQ instruction with 6 operands\n"},
            {"TEXT ·f(SB), 4, $0\n\tJMP nowhere\n\tRET\nTEXT ·g(SB), 4, $0\n\tRET\n", "x.s:4: undefined label nowhere\n"},
        };
        for (String[] c : cases) {
            err.reset();
            assemble(c[0]);
            assertThat(errors()).as(c[0]).isEqualTo(c[1]);
            assertThat(ok).as(c[0]).isFalse();
        }
    }

    @Test
    void moreParserMessages() {
        // Each expected line is what go tool asm printed for the same file.
        String[][] cases = {
            {"TEXT ·f(SB), 4, $0\n\tMOVQ 8(FP), AX\n", "x.s:2: cannot reference FP without a symbol\n"},
            {"TEXT ·f(SB), 4, $0\n\tMOVQ SB, AX\n", "x.s:2: illegal use of pseudo-register in MOVQ\n"},
            {"TEXT ·f(SB), 4, $0\n\tFOO AX\n", "x.s:2: unrecognized instruction \"FOO\"\n"},
            {"TEXT ·f(SB), 4, $0\n\tMOVQ (AX)(BX*3), AX\n", "x.s:2: bad scale: 3\n"},
            {"TEXT ·f+8(SB), 4, $0\n", "x.s:1: TEXT symbol \"\\\"\\\".f\" must not be offset from SB\n"},
            {"GLOBL ·x(SB), $y\n", "x.s:1: illegal or missing addressing mode for symbol y\n"},
            {"TEXT ·f(SB), 4, $0\nl:\nl:\n\tRET\n", "x.s:4: label \"l\" multiply defined\n"},
        };
        for (String[] c : cases) {
            err.reset();
            assemble(c[0]);
            assertThat(errors()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void binaryGarbageIsAnError() {
        assemble("\u007fELF\n");
        // go tool asm: bin.s:1: expected identifier, found "\x7f"
        assertThat(errors()).isEqualTo("x.s:1: expected identifier, found \"\\x7f\"\n");
    }

    @Test
    void preprocessorErrorStopsParsing() {
        Parser p;
        Diagnostics d = new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8), false);
        link = new Link(GO1_19, d);
        p = new Parser(link, Preprocessor.ofText("x.s", "#undef A\nTEXT ·f(SB), 4, $0\n", List.of(), List.of(), false, d::note));
        assertThat(p.parse()).isFalse();
        assertThat(p.inputFailed()).isTrue();
        assertThat(errors()).isEqualTo("x.s:1: #undef for undefined macro: A\n");
    }
}
