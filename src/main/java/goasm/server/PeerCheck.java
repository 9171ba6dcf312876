package goasm.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/** Whether the process at the other end of a Unix-domain connection runs as this user (SO_PEERCRED). */
final class PeerCheck {
    private PeerCheck() {
    }

    static boolean sameUser(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return sameUser(peer.user(), self());
        } catch (IOException | RuntimeException e) {
            // No credentials, no service.
            return false;
        }
    }

    /** The decision itself: the peer's user is this process's user. */
    static boolean sameUser(UserPrincipal peer, UserPrincipal self) {
        return peer.getName().equals(self.getName());
    }

    static UserPrincipal self() throws IOException {
        return Files.getOwner(Path.of("/proc/self"));
    }
}
