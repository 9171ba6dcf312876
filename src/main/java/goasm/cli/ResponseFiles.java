package goasm.cli;

import goasm.release.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments of the form `@file` replaced by the arguments the file holds, as objabi.Flagparse
 * does before the flags are parsed (recursively: a file may name other files).
 */
final class ResponseFiles {
    /** A file that cannot be read: Go's message (after "asm: "), status 1. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private ResponseFiles() {
    }

    static List<String> expand(List<String> args, CommandLine.ResponseFiles syntax, Path workingDir) throws Unreadable {
        if (syntax == CommandLine.ResponseFiles.NONE) {
            return args;
        }
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("@")) {
                out.add(arg);
                continue;
            }
            String name = arg.substring(1);
            String text = read(name, workingDir);
            List<String> inner = switch (syntax) {
                case NONE -> List.of(arg);
                case ONE_PER_LINE -> perLine(text);
                case SHELL_WORDS -> shellWords(text);
            };
            out.addAll(expand(inner, syntax, workingDir));
        }
        return out;
    }

    private static String read(String name, Path workingDir) throws Unreadable {
        Path path = workingDir.resolve(name);
        try {
            if (Files.isDirectory(path)) {
                throw new Unreadable("read " + name + ": is a directory");
            }
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Unreadable("open " + name + ": no such file or directory");
        } catch (AccessDeniedException e) {
            throw new Unreadable("open " + name + ": permission denied");
        } catch (IOException e) {
            throw new Unreadable("open " + name + ": " + e.getMessage());
        }
    }

    /** One argument per line of the trimmed text; "\n" and "\\" written with a backslash are decoded. */
    private static List<String> perLine(String text) throws Unreadable {
        List<String> args = new ArrayList<>();
        for (String line : text.replace("\r", "").strip().split("\n", -1)) {
            StringBuilder arg = new StringBuilder();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c != '\\') {
                    arg.append(c);
                    continue;
                }
                char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
                switch (next) {
                    case '\\' -> arg.append('\\');
                    case 'n' -> arg.append('\n');
                    // Go panics here; the writers of these files never produce other escapes.
                    default -> throw new Unreadable("badly formatted input in response file");
                }
                i++;
            }
            args.add(arg.toString());
        }
        return args;
    }

    /** Shell-like words: blanks separate; quotes group; a backslash escapes (in double quotes only \ " $ `). */
    private static List<String> shellWords(String s) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        boolean started = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            switch (c) {
                case ' ', '\t', '\n', '\r' -> {
                    if (arg.length() > 0 || started) {
                        args.add(arg.toString());
                        arg.setLength(0);
                        started = false;
                    }
                    i++;
                }
                case '\'' -> {
                    started = true;
                    int end = s.indexOf('\'', i + 1);
                    end = end < 0 ? s.length() : end;
                    arg.append(s, i + 1, end);
                    i = end + 1;
                }
                case '"' -> {
                    started = true;
                    i++;
                    while (i < s.length() && s.charAt(i) != '"') {
                        char d = s.charAt(i);
                        if (d == '\\' && i + 1 < s.length()) {
                            char next = s.charAt(i + 1);
                            if (next == '\\' || next == '"' || next == '$' || next == '`') {
                                arg.append(next);
                                i += 2;
                                continue;
                            }
                            if (next == '\n') {
                                i += 2;
                                continue;
                            }
                            if (next == '\r' && i + 2 < s.length() && s.charAt(i + 2) == '\n') {
                                i += 3;
                                continue;
                            }
                        }
                        arg.append(d);
                        i++;
                    }
                    i++;
                }
                case '\\' -> {
                    if (i + 1 < s.length()) {
                        char next = s.charAt(i + 1);
                        if (next == '\n') {
                            i += 2;
                        } else if (next == '\r' && i + 2 < s.length() && s.charAt(i + 2) == '\n') {
                            i += 3;
                        } else {
                            arg.append(next);
                            started = true;
                            i += 2;
                        }
                    } else {
                        i++;
                    }
                }
                default -> {
                    arg.append(c);
                    i++;
                }
            }
        }
        if (arg.length() > 0 || started) {
            args.add(arg.toString());
        }
        return args;
    }
}
