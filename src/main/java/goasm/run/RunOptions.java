package goasm.run;

import goasm.release.ReleaseProfile;

import java.nio.file.Path;
import java.util.List;

/**
 * What `goasm run` takes on its command line.
 *
 * @param files       the .s files of the program (package main)
 * @param includeDirs -I, in order
 * @param defines     -D name[=value], in order
 * @param trace       --trace: one line per runtime stack event
 * @param stats       --stats: the runtime's statistics at exit
 * @param gomaxprocs  --gomaxprocs (default 1)
 * @param workingDir  what relative file and include paths are read against
 * @param godebug     $GODEBUG of the invocation (null when unset)
 */
public record RunOptions(List<String> files, List<String> includeDirs, List<String> defines, boolean trace,
                         boolean stats, int gomaxprocs, ReleaseProfile release, Path workingDir, String godebug) {
    /** Options run in this process's working directory with its GODEBUG. */
    public RunOptions(List<String> files, List<String> includeDirs, List<String> defines, boolean trace,
                      boolean stats, int gomaxprocs, ReleaseProfile release) {
        this(files, includeDirs, defines, trace, stats, gomaxprocs, release, Path.of("").toAbsolutePath(),
                System.getenv("GODEBUG"));
    }

    /** Options following the newest release. */
    public RunOptions(List<String> files, List<String> includeDirs, List<String> defines, boolean trace,
                      boolean stats, int gomaxprocs) {
        this(files, includeDirs, defines, trace, stats, gomaxprocs, ReleaseProfile.newest());
    }
}
