package goasm.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may reach a server: only a 0700 directory of the user's own holds its socket, and only the user's processes are served. */
class SocketDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void onlyAPrivateDirectoryOfTheUsersOwnIsAccepted() {
        assertThat(SocketDirectory.problem(true, 1000, 0700, 1000)).isEmpty();
        assertThat(SocketDirectory.problem(true, 0, 0700, 1000)).contains("owned by uid 0, not 1000");
        assertThat(SocketDirectory.problem(true, 1000, 0755, 1000)).contains("mode 0755, not 0700");
        assertThat(SocketDirectory.problem(true, 1000, 0770, 1000)).contains("mode 0770, not 0700");
        assertThat(SocketDirectory.problem(true, 1000, 01700, 1000)).contains("mode 1700, not 0700");
        assertThat(SocketDirectory.problem(false, 1000, 0700, 1000)).contains("not a directory");
    }

    @Test
    void aDirectoryOthersCanEnterIsRefused() throws IOException {
        Path open = Files.createDirectory(tmp.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> SocketDirectory.open(Map.of("GOASM_SERVER_DIR", open.toString())))
                .isInstanceOf(SocketDirectory.Refused.class).hasMessageContaining("mode 0755, not 0700");
    }

    @Test
    void aLinkToAPrivateDirectoryIsRefused() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThatThrownBy(() -> SocketDirectory.open(Map.of("GOASM_SERVER_DIR", link.toString())))
                .isInstanceOf(SocketDirectory.Refused.class).hasMessageContaining("not a directory");
    }

    @Test
    void aMissingDirectoryIsMadePrivate() throws Exception {
        Path made = tmp.resolve("made");
        SocketDirectory dir = SocketDirectory.open(Map.of("GOASM_SERVER_DIR", made.toString()));
        assertThat(dir.path()).isEqualTo(made);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
    }

    @Test
    void theDirectoryFollowsTheEnvironment() {
        assertThat(SocketDirectory.chosen(Map.of("GOASM_SERVER_DIR", "/x/y", "XDG_RUNTIME_DIR", "/run/user/7"), 7))
                .isEqualTo(Path.of("/x/y"));
        assertThat(SocketDirectory.chosen(Map.of("XDG_RUNTIME_DIR", "/run/user/7"), 7))
                .isEqualTo(Path.of("/run/user/7/goasm"));
        assertThat(SocketDirectory.chosen(Map.of(), 7)).isEqualTo(Path.of("/tmp/goasm-7"));
    }

    @Test
    void socketNamesCarryTheBuildAndTheUmask() {
        assertThat(new SocketDirectory(Path.of("/d")).socket("abc", 022)).isEqualTo(Path.of("/d/abc-022.sock"));
        assertThat(new SocketDirectory(Path.of("/d")).socket("abc", 077)).isEqualTo(Path.of("/d/abc-077.sock"));
    }

    private record User(String getName) implements UserPrincipal {
    }

    @Test
    void onlyPeersOfTheSameUserAreServed() throws IOException {
        UserPrincipal self = PeerCheck.self();
        assertThat(PeerCheck.sameUser(new User(self.getName()), self)).isTrue();
        assertThat(PeerCheck.sameUser(new User(self.getName() + "-other"), self)).isFalse();
    }
}
