package goasm.server;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

/** A process that listens on a socket and never answers: a server stopped in its tracks (ClientTest). */
public final class HungServer {
    private HungServer() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(Path.of(args[0])));
            System.out.println("listening");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]) * 1000);
        }
    }
}
