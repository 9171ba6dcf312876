package goasm.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The protocol's client side in Java: `goasm server status|stop`, and the tests. (Invocations
 * go through the native client, src/main/c/goasm-client.c, which starts in milliseconds.)
 */
public final class ServerClient {
    private ServerClient() {
    }

    /** How long a live server takes at most to answer the build check (as the native client waits). */
    static final java.time.Duration HANDSHAKE_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** The server's first frame, or null when it does not come in time (a hung server) or the connection ends. */
    private static Frames.Frame firstReply(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            channel.register(selector, java.nio.channels.SelectionKey.OP_READ);
            if (selector.select(HANDSHAKE_TIMEOUT.toMillis()) == 0) {
                return null;
            }
        }
        channel.configureBlocking(true);
        return Frames.read(channel);
    }

    /** What a request printed and returned. */
    public record Result(int status, byte[] out, byte[] err) {
    }

    /** Runs a request on the server at {@code socket}; empty when no server of {@code build} answers there. */
    public static Optional<Result> run(Path socket, String build, Server.Request request) throws IOException {
        Optional<SocketChannel> connected = connect(socket, build);
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        try (SocketChannel channel = connected.get()) {
            // The whole request in one write, as the native client sends it.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            var frames = java.nio.channels.Channels.newChannel(bytes);
            Frames.write(frames, Frames.WORKING_DIR, request.workingDir().toString());
            if (request.terminal()) {
                Frames.write(frames, Frames.TERMINAL, new byte[0]);
            }
            for (String arg : request.args()) {
                Frames.write(frames, Frames.ARGUMENT, arg);
            }
            for (Map.Entry<String, String> e : request.env().entrySet()) {
                Frames.write(frames, Frames.ENVIRONMENT, e.getKey() + "=" + e.getValue());
            }
            Frames.write(frames, Frames.GO, new byte[0]);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            return Optional.of(collect(channel));
        }
    }

    /** The server's status line, when one of {@code build} answers at {@code socket}. */
    public static Optional<String> status(Path socket, String build) throws IOException {
        return control(socket, build, Frames.STATUS).map(r -> new String(r.out(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Asks the server to exit; whether one of {@code build} answered. */
    public static boolean stop(Path socket, String build) throws IOException {
        return control(socket, build, Frames.STOP).isPresent();
    }

    /** The build the server at {@code socket} runs, when it answers (it names it when asked for another). */
    public static Optional<String> buildAt(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            if (!PeerCheck.sameUser(channel)) {
                return Optional.empty();
            }
            Frames.write(channel, Frames.BUILD, "?");
            Frames.Frame reply = firstReply(channel);
            return reply != null && reply.type() == Frames.OTHER_BUILD ? Optional.of(reply.text()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Result> control(Path socket, String build, byte type) throws IOException {
        Optional<SocketChannel> connected = connect(socket, build);
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        try (SocketChannel channel = connected.get()) {
            Frames.write(channel, type, new byte[0]);
            return Optional.of(collect(channel));
        }
    }

    private static Optional<SocketChannel> connect(Path socket, String build) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            if (!PeerCheck.sameUser(channel)) {
                channel.close();
                return Optional.empty();
            }
            Frames.write(channel, Frames.BUILD, build);
            Frames.Frame reply = firstReply(channel);
            if (reply == null || reply.type() != Frames.ACCEPTED) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(channel);
        } catch (IOException e) {
            channel.close();
            return Optional.empty();
        }
    }

    private static Result collect(SocketChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        while (true) {
            Frames.Frame frame = Frames.read(channel);
            if (frame == null) {
                throw new IOException("server closed the connection before the exit status");
            }
            switch (frame.type()) {
                case Frames.STDOUT -> out.writeBytes(frame.payload());
                case Frames.STDERR -> err.writeBytes(frame.payload());
                case Frames.EXIT -> {
                    return new Result(frame.status(), out.toByteArray(), err.toByteArray());
                }
                default -> throw new IOException("unexpected frame " + (char) frame.type());
            }
        }
    }
}
