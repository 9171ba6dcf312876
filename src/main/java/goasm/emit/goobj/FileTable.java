package goasm.emit.goobj;

import goasm.obj.Link;
import goasm.obj.Position;
import goasm.obj.Prog;
import goasm.obj.Symbol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object's file table: every source file that positioned an instruction (kept or dropped
 * before the first TEXT) or, in releases that position it, a GLOBL, as its file symbol name ("gofile../abs/path.s"), numbered in the
 * order the files first appear. pcfile tables and DWARF line programs refer to files by this
 * number (DWARF adds one).
 */
final class FileTable {
    private final SourcePaths paths;
    private final Map<String, Integer> indexBySymbol = new HashMap<>();
    private final List<String> symbols = new ArrayList<>();
    /** The file symbol of each position file name as written (cached: one rewrite per name). */
    private final Map<String, String> symbolByFile = new HashMap<>();

    FileTable(SourcePaths paths, Link link) {
        this.paths = paths;
        Map<Prog, List<Position>> unlistedAfter = new IdentityHashMap<>();
        for (Link.UnlistedPosition site : link.unlistedPositions()) {
            if (site.after() == null) {
                add(site.pos());
            } else {
                unlistedAfter.computeIfAbsent(site.after(), p -> new ArrayList<>()).add(site.pos());
            }
        }
        for (Symbol fn : link.text()) {
            for (Prog p = fn.func.text; p != null; p = p.link) {
                if (p.pos != null) {
                    add(p.pos);
                }
                unlistedAfter.getOrDefault(p, List.of()).forEach(this::add);
            }
        }
    }

    private void add(Position pos) {
        indexBySymbol.computeIfAbsent(fileSymbol(pos), name -> {
            symbols.add(name);
            return symbols.size() - 1;
        });
    }

    /** The file symbol name of this position's file. */
    String fileSymbol(Position pos) {
        // Consecutive positions are nearly always in the same file.
        if (lastSymbol == null || pos.file() != lastFile) {
            lastSymbol = symbolByFile.computeIfAbsent(pos.file(), paths::fileSymbol);
            lastFile = pos.file();
        }
        return lastSymbol;
    }

    /** The file of the last fileSymbol call (compared by identity) and its symbol. */
    private String lastFile;
    private String lastSymbol;

    /** The position's file number, or -1 for a file that is not in the table. */
    int index(Position pos) {
        return index(fileSymbol(pos));
    }

    int index(String fileSymbol) {
        Integer i = indexBySymbol.get(fileSymbol);
        return i == null ? -1 : i;
    }

    /** The file symbol names, by number. */
    List<String> symbols() {
        return symbols;
    }
}
