package goasm.release;

import java.util.List;

/**
 * A release's GOEXPERIMENTs for amd64: the ones on by default, in the order Go lists them in
 * an object file's header (as each release's `asm` writes with an empty GOEXPERIMENT).
 *
 * @param defaults the experiments enabled by default on amd64
 */
public record Experiments(List<String> defaults) {
    public Experiments {
        defaults = List.copyOf(defaults);
    }

    public static Experiments of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new Experiments(List.of());
            case GO1_19 -> new Experiments(List.of("regabiwrappers", "regabiargs"));
            case GO1_21, GO1_23 -> new Experiments(List.of("regabiwrappers", "regabiargs", "coverageredesign"));
            case GO1_22 -> new Experiments(List.of("regabiwrappers", "regabiargs", "coverageredesign",
                    "allocheaders", "exectracer2"));
            case GO1_24 -> new Experiments(List.of("regabiwrappers", "regabiargs", "coverageredesign",
                    "aliastypeparams", "swissmap", "spinbitmutex", "synchashtriemap"));
            case GO1_26 -> new Experiments(List.of("regabiwrappers", "regabiargs", "dwarf5", "greenteagc",
                    "randomizedheapbase64"));
            case GO1_27 -> new Experiments(List.of("regabiwrappers", "regabiargs", "dwarf5", "jsonv2", "greenteagc",
                    "randomizedheapbase64", "sizespecializedmalloc"));
        };
    }
}
