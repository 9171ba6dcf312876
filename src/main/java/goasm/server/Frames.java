package goasm.server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/** The frames of the protocol described in the package documentation. */
public final class Frames {
    public static final byte BUILD = 'V';
    public static final byte ACCEPTED = 'K';
    public static final byte OTHER_BUILD = 'N';
    public static final byte WORKING_DIR = 'D';
    public static final byte ARGUMENT = 'A';
    public static final byte ENVIRONMENT = 'E';
    public static final byte TERMINAL = 'Y';
    public static final byte GO = 'G';
    public static final byte STATUS = 'S';
    public static final byte STOP = 'T';
    public static final byte QUIT = 'Q';
    public static final byte CANCEL = 'C';
    public static final byte STDOUT = '1';
    public static final byte STDERR = '2';
    public static final byte EXIT = 'X';

    /** No request needs more than this in one frame (an argument, a variable). */
    static final int MAX_PAYLOAD = 16 << 20;

    private Frames() {
    }

    /** One frame. */
    public record Frame(byte type, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int status() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }

    /** Writes one frame; callers that share the channel between threads hold its lock. */
    public static void write(WritableByteChannel channel, byte type, byte[] payload, int offset, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(5 + length);
        buffer.put(type).putInt(length).put(payload, offset, length).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    public static void write(WritableByteChannel channel, byte type, byte[] payload) throws IOException {
        write(channel, type, payload, 0, payload.length);
    }

    public static void write(WritableByteChannel channel, byte type, String text) throws IOException {
        write(channel, type, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeStatus(WritableByteChannel channel, int status) throws IOException {
        write(channel, EXIT, ByteBuffer.allocate(4).putInt(status).array());
    }

    /** The next frame, or null at the end of the stream before one starts. */
    public static Frame read(ReadableByteChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(5);
        if (!fill(channel, header, true)) {
            return null;
        }
        header.flip();
        byte type = header.get();
        int length = header.getInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("frame of " + Integer.toUnsignedString(length) + " bytes");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(channel, payload, false);
        return new Frame(type, payload.array());
    }

    private static boolean fill(ReadableByteChannel channel, ByteBuffer buffer, boolean endAllowed) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endAllowed && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("connection closed inside a frame");
            }
        }
        return true;
    }
}
