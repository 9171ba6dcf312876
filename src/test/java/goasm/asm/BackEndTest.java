package goasm.asm;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.emit.Listing;
import goasm.encode.Amd64Encoder;
import goasm.frame.FrameLowering;
import goasm.obj.Addr;
import goasm.obj.Diagnostics;
import goasm.obj.Link;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;

import goasm.testing.HandBuiltFunctions;
import org.junit.jupiter.api.Test;

import static goasm.testing.HandBuiltFunctions.call;
import static goasm.testing.HandBuiltFunctions.param;
import static goasm.testing.HandBuiltFunctions.prog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back end (FUNCDATA pass, frame lowering, encoding, listing) on functions built as the
 * parser builds them from this source, a.s:
 * <pre>
 *  3 TEXT ·printnl_nosplit(SB), NOSPLIT, $8
 *  4 	CALL runtime·printnl(SB)
 *  5 	RET
 *  7 TEXT ·printnl(SB), $8
 *  8 	CALL runtime·printnl(SB)
 *  9 	RET
 * 11 TEXT ·add(SB), NOSPLIT, $0-24
 * 12 	MOVQ a+0(FP), AX
 * 13 	MOVQ b+8(FP), BX
 * 14 	ADDQ BX, AX
 * 15 	MOVQ AX, ret+16(FP)
 * 16 	RET
 * </pre>
 * The expected listing is what Go 1.19.8's `go tool asm -S a.s` printed for it.
 */
class BackEndTest {
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    /** The expectations below are Go 1.19's listing, worked out by hand. */
    private final Link link = new Link(Link.Options.DEFAULT.withRelease(
            goasm.release.ReleaseProfile.reference(goasm.release.GoRelease.GO1_19)), new Diagnostics(new PrintStream(errors), false));

    private Symbol function(String name, boolean nosplit, long frame, int args, int line, List<Prog> body) {
        return HandBuiltFunctions.define(link, name, nosplit, frame, args, line, body);
    }

    private Prog callPrintnl(int line) {
        return call(line, link.lookup("runtime.printnl"));
    }

    @Test
    void listingMatchesGo() {
        function("\"\".printnl_nosplit", true, 8, Addr.ARGS_SIZE_UNKNOWN, 3,
                List.of(callPrintnl(4), prog(5, Pseudo.RET, Addr.NONE, Addr.NONE)));
        function("\"\".printnl", false, 8, Addr.ARGS_SIZE_UNKNOWN, 7,
                List.of(callPrintnl(8), prog(9, Pseudo.RET, Addr.NONE, Addr.NONE)));
        function("\"\".add", true, 0, 24, 11, List.of(
                prog(12, Op.MOVQ, param("a", 0), Addr.reg(Reg.AX)),
                prog(13, Op.MOVQ, param("b", 8), Addr.reg(Reg.BX)),
                prog(14, Op.ADDQ, Addr.reg(Reg.BX), Addr.reg(Reg.AX)),
                prog(15, Op.MOVQ, Addr.reg(Reg.AX), param("ret", 16)),
                prog(16, Pseudo.RET, Addr.NONE, Addr.NONE)));

        new FuncDataPass(link, "<unlinkable>").run(link.text());
        FrameLowering frames = new FrameLowering(link, null);
        Amd64Encoder encoder = new Amd64Encoder(link);
        for (Symbol fn : link.text()) {
            frames.edit(fn);
            frames.lower(fn);
            FrameLowering.expandAdjsp(fn);
            encoder.assemble(fn);
        }
        StringBuilder out = new StringBuilder();
        Listing.write(link, out);

        assertThat(errors.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo("""
                "".printnl_nosplit STEXT nosplit asm size=29 args=0xffffffff80000000 locals=0x10 funcid=0x0 align=0x0
                \t0x0000 00000 (a.s:3)\tTEXT\t"".printnl_nosplit(SB), NOSPLIT, $16
                \t0x0000 00000 (a.s:3)\tSUBQ\t$16, SP
                \t0x0004 00004 (a.s:3)\tMOVQ\tBP, 8(SP)
                \t0x0009 00009 (a.s:3)\tLEAQ\t8(SP), BP
                \t0x000e 00014 (a.s:3)\tFUNCDATA\t$5, "".printnl_nosplit.arginfo0(SB)
                \t0x000e 00014 (a.s:3)\tFUNCDATA\t$0, "".printnl_nosplit.args_stackmap(SB)
                \t0x000e 00014 (a.s:4)\tCALL\truntime.printnl(SB)
                \t0x0013 00019 (a.s:5)\tMOVQ\t8(SP), BP
                \t0x0018 00024 (a.s:5)\tADDQ\t$16, SP
                \t0x001c 00028 (a.s:5)\tRET
                \t0x0000 48 83 ec 10 48 89 6c 24 08 48 8d 6c 24 08 e8 00  H...H.l$.H.l$...
                \t0x0010 00 00 00 48 8b 6c 24 08 48 83 c4 10 c3           ...H.l$.H....
                \trel 15+4 t=7 runtime.printnl+0
                "".printnl STEXT asm size=51 args=0xffffffff80000000 locals=0x10 funcid=0x0 align=0x0
                \t0x0000 00000 (a.s:7)\tTEXT\t"".printnl(SB), $16
                \t0x0000 00000 (a.s:7)\tMOVQ\t(TLS), R14
                \t0x0009 00009 (a.s:7)\tCMPQ\tSP, 16(R14)
                \t0x000d 00013 (a.s:7)\tPCDATA\t$0, $-2
                \t0x000d 00013 (a.s:7)\tJLS\t44
                \t0x000f 00015 (a.s:7)\tPCDATA\t$0, $-1
                \t0x000f 00015 (a.s:7)\tSUBQ\t$16, SP
                \t0x0013 00019 (a.s:7)\tMOVQ\tBP, 8(SP)
                \t0x0018 00024 (a.s:7)\tLEAQ\t8(SP), BP
                \t0x001d 00029 (a.s:7)\tFUNCDATA\t$5, "".printnl.arginfo0(SB)
                \t0x001d 00029 (a.s:7)\tFUNCDATA\t$0, "".printnl.args_stackmap(SB)
                \t0x001d 00029 (a.s:8)\tCALL\truntime.printnl(SB)
                \t0x0022 00034 (a.s:9)\tMOVQ\t8(SP), BP
                \t0x0027 00039 (a.s:9)\tADDQ\t$16, SP
                \t0x002b 00043 (a.s:9)\tRET
                \t0x002c 00044 (a.s:9)\tNOP
                \t0x002c 00044 (a.s:7)\tPCDATA\t$1, $-1
                \t0x002c 00044 (a.s:7)\tPCDATA\t$0, $-2
                \t0x002c 00044 (a.s:7)\tCALL\truntime.morestack_noctxt(SB)
                \t0x0031 00049 (a.s:7)\tPCDATA\t$0, $-1
                \t0x0031 00049 (a.s:7)\tJMP\t0
                \t0x0000 64 4c 8b 34 25 00 00 00 00 49 3b 66 10 76 1d 48  dL.4%....I;f.v.H
                \t0x0010 83 ec 10 48 89 6c 24 08 48 8d 6c 24 08 e8 00 00  ...H.l$.H.l$....
                \t0x0020 00 00 48 8b 6c 24 08 48 83 c4 10 c3 e8 00 00 00  ..H.l$.H........
                \t0x0030 00 eb cd                                         ...
                \trel 5+4 t=15 TLS+0
                \trel 30+4 t=7 runtime.printnl+0
                \trel 45+4 t=7 runtime.morestack_noctxt+0
                "".add STEXT nosplit asm size=19 args=0x18 locals=0x0 funcid=0x0 align=0x0
                \t0x0000 00000 (a.s:11)\tTEXT\t"".add(SB), NOSPLIT, $0-24
                \t0x0000 00000 (a.s:11)\tFUNCDATA\t$5, "".add.arginfo0(SB)
                \t0x0000 00000 (a.s:11)\tFUNCDATA\t$0, "".add.args_stackmap(SB)
                \t0x0000 00000 (a.s:12)\tMOVQ\ta+8(FP), AX
                \t0x0005 00005 (a.s:13)\tMOVQ\tb+16(FP), BX
                \t0x000a 00010 (a.s:14)\tADDQ\tBX, AX
                \t0x000d 00013 (a.s:15)\tMOVQ\tAX, ret+24(FP)
                \t0x0012 00018 (a.s:16)\tRET
                \t0x0000 48 8b 44 24 08 48 8b 5c 24 10 48 01 d8 48 89 44  H.D$.H.\\$.H..H.D
                \t0x0010 24 18 c3                                         $..
                """);
    }
}
