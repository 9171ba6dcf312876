/**
 * The resident assembler: one JVM per goasm build and user that keeps goasm's code loaded and
 * compiled, so that each `goasm` invocation (through the native client, src/main/c) costs
 * milliseconds instead of a JVM's start.
 *
 * <h2>Where it listens</h2>
 * A Unix-domain socket {@code DIR/BUILD-UMASK.sock}: DIR is {@code $GOASM_SERVER_DIR}, else
 * {@code $XDG_RUNTIME_DIR/goasm}, else {@code /tmp/goasm-UID}; it must be a directory (not a
 * link) owned by the user with mode 0700, or nobody uses it ({@link SocketDirectory}). BUILD is
 * goasm's build digest (the toolexec {@code -V=full} one), so a rebuilt goasm never talks to an
 * old server; UMASK (three octal digits) is the file-creation mask of the processes it serves,
 * since the files a request writes get the server's mask. Both ends also check the peer's user
 * id (SO_PEERCRED). There is no TCP port. A lock file {@code BUILD-UMASK.lock} keeps it to one
 * server per name; the server binds a private name first and renames it into place once it
 * listens, so a connection refused at the public name means a dead server.
 *
 * <h2>Protocol</h2>
 * Both ways a sequence of frames: one type byte, the payload length as a 4-byte big-endian
 * unsigned integer, the payload. Text is UTF-8.
 * <pre>
 * client                                     server
 * 'V' build digest                     -->
 *                                      <--   'K' (same build) or 'N' its digest, then closes
 * 'D' working directory                -->
 * 'Y' (empty; only when standard input and output are a terminal)
 * 'A' argument (one frame each, in order)
 * 'E' NAME=value (the whole environment, one frame per variable)
 * 'G' (empty: run it)
 *                                      <--   '1' stdout bytes, '2' stderr bytes (any number, in order)
 * 'Q' (SIGQUIT)  'C' (SIGINT/SIGTERM: cancel)  (any time while it runs)
 *                                      <--   'X' exit status (4 bytes, big-endian), then closes
 * </pre>
 * Instead of D/A/E/G a client may send 'S' (status: a line of text on '1', then 'X' 0) or 'T'
 * (stop: 'X' 0, then the server lets running requests finish and exits). No goasm command reads
 * standard input (`toolexec` of a tool other than the assembler is run by the client itself), so
 * none is relayed. A client that goes away cancels its request.
 */
package goasm.server;
