package goasm.asm;

import goasm.obj.TargetOs;
import goasm.release.ReleaseProfile;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything `go tool asm` takes on its command line, after parsing.
 *
 * @param files            the .s files, assembled in order into one object
 * @param outputFile       -o (already defaulted to foo.o for foo.s)
 * @param printOut         -S count: 1 prints the listing, 2 also shows symbol ABIs
 * @param includeDirs      -I, in order
 * @param defines          -D name[=value], in order
 * @param goRoot           the Go root recorded as $GOROOT in object files (Go's GOROOT, or its default)
 * @param workingDir       what relative paths are read and written against (Go's working directory)
 * @param os               the target operating system (GOOS)
 * @param experiments      the enabled GOEXPERIMENTs (GOEXPERIMENT_name macros with -compiling-runtime)
 * @param release          the Go release whose assembler goasm stands in for
 * @param goamd64          the GOAMD64 level (v1 to v4), named in the object's header line
 * @param std              -std (Go 1.27): the package is part of the standard library
 * @param pwd              $PWD of the invocation ("" when unset): the name Go's os.Getwd prefers
 *                         for the working directory when it denotes the same directory
 */
public record AsmOptions(List<String> files, String outputFile, int printOut, List<String> includeDirs,
                         List<String> defines, String trimPath, boolean shared, boolean dynlink,
                         boolean linkshared, boolean allErrors, boolean genSymAbis, String importPath,
                         boolean retpoline, boolean compilingRuntime, boolean debug, boolean verbose,
                         String mayMoreStack, Path workingDir, TargetOs os, List<String> experiments,
                         String goRoot, ReleaseProfile release, String goamd64, boolean std, String pwd) {
    /**
     * Options for assembling a program in memory (as `goasm run` does): no listing, no output
     * file, default code generation for linux, paths relative to the process's working directory.
     */
    public static AsmOptions inMemory(List<String> files, List<String> includeDirs, List<String> defines,
                                      List<String> experiments, ReleaseProfile release) {
        return inMemory(files, includeDirs, defines, experiments, release, Path.of("").toAbsolutePath());
    }

    /** As {@link #inMemory(List, List, List, List, ReleaseProfile)}, paths relative to {@code workingDir}. */
    public static AsmOptions inMemory(List<String> files, List<String> includeDirs, List<String> defines,
                                      List<String> experiments, ReleaseProfile release, Path workingDir) {
        return new AsmOptions(List.copyOf(files), "/dev/null", 0, List.copyOf(includeDirs), List.copyOf(defines), "",
                false, false, false, false, false, "main", false, false, false, false, null,
                workingDir, TargetOs.LINUX, List.copyOf(experiments), release.goRoot(), release, "v1", false, "");
    }
}
