package goasm.cli;

import goasm.release.ReleaseProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `goasm toolexec /GOROOT/pkg/tool/os_arch/TOOL args...`, as `go build -toolexec 'goasm toolexec'`
 * runs it for every tool: for `asm` goasm assembles itself, following the release of that GOROOT
 * (the real assembler is never run); every other tool runs unchanged, with the same arguments,
 * environment and standard streams, and its exit status is goasm's.
 */
final class ToolexecCommand {
    private ToolexecCommand() {
    }

    static int run(List<String> args, Path workingDir, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("usage: goasm toolexec /path/to/GOROOT/pkg/tool/os_arch/tool [args...]");
            return 2;
        }
        Path tool = Path.of(args.get(0));
        List<String> toolArgs = args.subList(1, args.size());
        if (!isAssembler(tool)) {
            return runUnchanged(args, workingDir, env, out, err);
        }
        ReleaseProfile release;
        try {
            release = ReleaseChoice.choose(env, Optional.of(workingDir.resolve(tool)));
        } catch (ReleaseChoice.Unsupported e) {
            err.println(e.getMessage());
            return 2;
        }
        return AsmCommand.run(toolArgs, workingDir, env, out, err, release,
                new AsmCommand.Identity.GoasmBuild(BuildDigest.ofRunningCode()));
    }

    /** Whether the tool is Go's assembler ("asm", "asm.exe"). */
    static boolean isAssembler(Path tool) {
        Path name = tool.getFileName();
        return name != null && (name.toString().equals("asm") || name.toString().equals("asm.exe"));
    }

    private static int runUnchanged(List<String> command, Path workingDir, Map<String, String> env, PrintStream out,
                                    PrintStream err) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toAbsolutePath().toFile())
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            Thread copyOut = copy(process.getInputStream(), out);
            Thread copyErr = copy(process.getErrorStream(), err);
            int status = process.waitFor();
            copyOut.join();
            copyErr.join();
            out.flush();
            err.flush();
            return status;
        } catch (IOException e) {
            // As Go's os/exec words a tool that cannot be started.
            err.println("goasm toolexec: fork/exec " + command.get(0) + ": " + reason(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("error=2,") || message.contains("error: 2 ")) {
            return "no such file or directory";
        }
        if (message.contains("error=13,") || message.contains("error: 13 ")) {
            return "permission denied";
        }
        return message;
    }

    private static Thread copy(InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[1 << 16];
            try (from) {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // The tool closed its end; nothing more to copy.
            }
        }, "goasm-toolexec-copy");
        thread.start();
        return thread;
    }
}
