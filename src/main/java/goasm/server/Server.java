package goasm.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The resident server: accepts requests on its socket and runs each on its own threads through
 * a {@link Handler}, relaying its output, signals and exit status (see the package documentation).
 */
public final class Server {
    /**
     * One invocation as its client saw it: where it ran, its arguments, its whole environment,
     * and whether its standard input and output are a terminal (as the JVM's System.console() tells).
     */
    public record Request(Path workingDir, List<String> args, Map<String, String> env, boolean terminal) {
        /** A request not from a terminal. */
        public Request(Path workingDir, List<String> args, Map<String, String> env) {
            this(workingDir, args, env, false);
        }
    }

    /** Runs one request, writing to out and err (the client's stdout and stderr); returns its exit status. */
    @FunctionalInterface
    public interface Handler {
        int handle(Request request, PrintStream out, PrintStream err, RelayedSignals signals);
    }

    /**
     * @param directory where the socket lives
     * @param build     the build digest this server runs and answers to
     * @param umask     the file-creation mask of this process (part of the socket's name)
     * @param idle      how long without a request before the server exits
     * @param code      the jar or class directory it runs from: when it changes the server exits
     */
    public record Settings(SocketDirectory directory, String build, int umask, Duration idle, Optional<Path> code) {
    }

    /** The idle time when GOASM_SERVER_IDLE (seconds) does not say: three hours, as Gradle's daemon. */
    public static final Duration DEFAULT_IDLE = Duration.ofHours(3);

    /** How long `stop` lets running requests finish. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Settings settings;
    private final Handler handler;
    private final PrintStream log;
    private final Instant started = Instant.now();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private volatile boolean stopping;
    private ServerSocketChannel listener;

    private Server(Settings settings, Handler handler, PrintStream log) {
        this.settings = settings;
        this.handler = handler;
        this.log = log;
    }

    /**
     * Serves until stopped, idle or its code changes. Returns false at once when another server
     * already holds this build's name (its lock).
     */
    public static boolean serve(Settings settings, Handler handler, PrintStream log) throws IOException {
        SocketDirectory dir = settings.directory();
        Path lockFile = dir.lock(settings.build(), settings.umask());
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                return false;
            }
            new Server(settings, handler, log).run();
            return true;
        }
    }

    /** Whether a server holds (or is taking) the name of {@code build} in {@code dir}. */
    public static boolean running(SocketDirectory dir, String build, int umask) {
        try (FileChannel lockChannel = FileChannel.open(dir.lock(build, umask), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockChannel.tryLock()) {
            return lock == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void run() throws IOException {
        Path socket = settings.directory().socket(settings.build(), settings.umask());
        // Bound under a private name and renamed into place once listening: whoever finds the
        // public name and is refused a connection knows that server is dead.
        Path fresh = settings.directory().path().resolve(".bind-" + ProcessHandle.current().pid() + ".sock");
        Files.deleteIfExists(fresh);
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(fresh), 256);
        Object inode = Files.getAttribute(fresh, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        Files.move(fresh, socket, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.println(Instant.now() + " goasm server " + settings.build() + " pid " + ProcessHandle.current().pid()
                + " listening on " + socket);
        Thread watchdog = new Thread(this::watch, "goasm-server-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            while (!stopping) {
                SocketChannel connection;
                try {
                    connection = listener.accept();
                } catch (ClosedChannelException e) {
                    break;
                }
                lastActivity.set(System.nanoTime());
                Thread thread = new Thread(() -> converse(connection), "goasm-server-connection");
                thread.setDaemon(true);
                thread.start();
            }
        } finally {
            stopping = true;
            listener.close();
            // Only our own socket file: a newer server may have taken the name since.
            try {
                if (inode.equals(Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS))) {
                    Files.delete(socket);
                }
            } catch (IOException e) {
                // Already gone.
            }
            long deadline = System.nanoTime() + STOP_GRACE.toNanos();
            while (running.get() > 0 && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(20));
            }
            log.println(Instant.now() + " goasm server " + settings.build() + " stopped after " + served.get()
                    + " requests");
        }
    }

    /** Stops the server when it has been idle too long or its code changed under it. */
    private void watch() {
        Optional<String> codeStamp = settings.code().map(Server::stamp);
        Duration tick = Duration.ofMillis(Math.max(200, Math.min(30_000, settings.idle().toMillis() / 10)));
        while (!stopping) {
            sleep(tick);
            if (running.get() > 0) {
                continue;
            }
            long idleNanos = System.nanoTime() - lastActivity.get();
            if (idleNanos >= settings.idle().toNanos()) {
                log.println(Instant.now() + " idle for " + settings.idle() + ": exiting");
                stop();
            } else if (codeStamp.isPresent() && !codeStamp.equals(settings.code().map(Server::stamp))) {
                log.println(Instant.now() + " " + settings.code().get() + " changed: exiting");
                stop();
            }
        }
    }

    /** Size and modification time of the code: cheap, and changed by every rebuild. */
    private static String stamp(Path code) {
        try {
            return Files.size(code) + "@" + Files.getLastModifiedTime(code).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    private void stop() {
        stopping = true;
        try {
            listener.close();
        } catch (IOException e) {
            // Closing is all that was wanted.
        }
    }

    private void converse(SocketChannel channel) {
        try (channel) {
            if (!PeerCheck.sameUser(channel)) {
                log.println(Instant.now() + " refused a connection from another user");
                return;
            }
            // The request arrives as many small frames in one piece: read through a buffer.
            ReadableByteChannel in = java.nio.channels.Channels.newChannel(new java.io.BufferedInputStream(
                    java.nio.channels.Channels.newInputStream(channel), 1 << 16));
            Frames.Frame hello = Frames.read(in);
            if (hello == null || hello.type() != Frames.BUILD) {
                return;
            }
            if (!hello.text().equals(settings.build())) {
                Frames.write(channel, Frames.OTHER_BUILD, settings.build());
                return;
            }
            Frames.write(channel, Frames.ACCEPTED, new byte[0]);
            Path workingDir = null;
            boolean terminal = false;
            List<String> args = new ArrayList<>();
            Map<String, String> env = new LinkedHashMap<>();
            while (true) {
                Frames.Frame frame = Frames.read(in);
                if (frame == null) {
                    return;
                }
                switch (frame.type()) {
                    case Frames.WORKING_DIR -> workingDir = Path.of(frame.text());
                    case Frames.ARGUMENT -> args.add(frame.text());
                    case Frames.TERMINAL -> terminal = true;
                    case Frames.ENVIRONMENT -> {
                        String entry = frame.text();
                        int eq = entry.indexOf('=');
                        if (eq > 0) {
                            env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
                        }
                    }
                    case Frames.GO -> {
                        if (workingDir == null) {
                            return;
                        }
                        execute(channel, in, new Request(workingDir, List.copyOf(args), env, terminal));
                        return;
                    }
                    case Frames.STATUS -> {
                        Frames.write(channel, Frames.STDOUT, statusLine());
                        Frames.writeStatus(channel, 0);
                        return;
                    }
                    case Frames.STOP -> {
                        log.println(Instant.now() + " stop requested");
                        Frames.writeStatus(channel, 0);
                        stop();
                        return;
                    }
                    default -> {
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or spoke nonsense: only this conversation ends.
        } finally {
            lastActivity.set(System.nanoTime());
        }
    }

    private String statusLine() {
        return "goasm server: build " + settings.build() + ", pid " + ProcessHandle.current().pid() + ", socket "
                + settings.directory().socket(settings.build(), settings.umask()) + ", up "
                + Duration.between(started, Instant.now()).toSeconds() + " s, " + served.get() + " requests served, "
                + (running.get()) + " running, exits after " + settings.idle().toSeconds() + " s idle\n";
    }

    private void execute(SocketChannel channel, ReadableByteChannel in, Request request) throws IOException {
        running.incrementAndGet();
        RelayedSignals signals = new RelayedSignals();
        Thread listener = new Thread(() -> listen(in, signals), "goasm-server-signals");
        listener.setDaemon(true);
        listener.start();
        int status;
        // As goasm's own main sets up its streams: stdout buffered, stderr written as printed.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FrameStream(channel, Frames.STDOUT), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FrameStream(channel, Frames.STDERR), true, StandardCharsets.UTF_8);
        try {
            status = handler.handle(request, out, err, signals);
        } catch (Throwable t) {
            err.println("goasm: internal error: " + t);
            status = 2;
        } finally {
            running.decrementAndGet();
            served.incrementAndGet();
        }
        out.flush();
        err.flush();
        synchronized (channel) {
            Frames.writeStatus(channel, status);
        }
    }

    /** Signals the client relays while its request runs; a client that goes away cancels it. */
    private static void listen(ReadableByteChannel in, RelayedSignals signals) {
        try {
            while (true) {
                Frames.Frame frame = Frames.read(in);
                if (frame == null) {
                    break;
                }
                if (frame.type() == Frames.QUIT) {
                    signals.quit();
                } else if (frame.type() == Frames.CANCEL) {
                    signals.cancel();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Closed: the same as the client gone.
        }
        signals.cancel();
    }

    /** Bytes written become frames of one type on the shared channel. */
    private static final class FrameStream extends OutputStream {
        private final SocketChannel channel;
        private final byte type;

        FrameStream(SocketChannel channel, byte type) {
            this.channel = channel;
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            synchronized (channel) {
                Frames.write(channel, type, bytes, offset, length);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
