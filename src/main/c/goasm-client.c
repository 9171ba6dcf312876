/*
 * goasm-client: the native front of bin/goasm. It hands one invocation to goasm's resident
 * server (the Java package goasm.server, whose javadoc documents the protocol) and relays the
 * server's stdout, stderr and exit status, so that an invocation costs milliseconds instead of
 * a JVM's start. Whenever the server cannot be used (none yet, another build, a refused
 * directory, a hung or dead server) it runs bin/goasm instead, which runs goasm in a JVM of its
 * own (and, when no server was found, starts one in the background for the next invocations).
 *
 * usage: goasm-client GOASM_HOME [goasm arguments...]
 *
 * Environment: GOASM_SERVER_DIR, XDG_RUNTIME_DIR (where the socket is), GOASM_SERVER_KEY (the
 * build digest, instead of GOASM_HOME/target/goasm.id), GOASM_SERVER=off (never use a server,
 * as bin/goasm also honours it). It sets GOASM_CLIENT for bin/goasm
 * when it falls back ("start": start a server; "off": do not).
 *
 * Built by bin/goasm with: gcc -O2 -Wall -Wextra -Werror
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

/* How long a live server takes at most to accept and answer the build check. */
#define HANDSHAKE_TIMEOUT_MS 5000

static const char *home;   /* GOASM_HOME: bin/goasm and target/ live there */
static char **goasm_argv;  /* argv[0] replaced by bin/goasm, then goasm's arguments */
static int server = -1;    /* the connection, once made */

/* Runs bin/goasm with the same arguments; start says whether it should start a server. */
static void fall_back(int start) {
    char script[PATH_MAX];
    if (snprintf(script, sizeof script, "%s/bin/goasm", home) >= (int) sizeof script) {
        fprintf(stderr, "goasm: GOASM_HOME too long\n");
        exit(2);
    }
    if (server >= 0) {
        close(server);
    }
    setenv("GOASM_CLIENT", start ? "start" : "off", 1);
    goasm_argv[0] = script;
    execv(script, goasm_argv);
    fprintf(stderr, "goasm: cannot run %s: %s\n", script, strerror(errno));
    exit(2);
}

/* Writes all of buf, retrying after signals and short writes; 0 on success. */
static int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

/* Reads exactly len bytes; 0 on success, -1 at an early end or error. */
static int read_all(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

/* The request is built in memory and sent in one write. */
static char *request;
static size_t request_len, request_cap;

static void add_frame(char type, const char *payload, size_t len) {
    if (request_len + 5 + len > request_cap) {
        request_cap = (request_len + 5 + len) * 2;
        request = realloc(request, request_cap);
        if (request == NULL) {
            fall_back(0);
        }
    }
    char *p = request + request_len;
    p[0] = type;
    p[1] = (char) (len >> 24);
    p[2] = (char) (len >> 16);
    p[3] = (char) (len >> 8);
    p[4] = (char) len;
    memcpy(p + 5, payload, len);
    request_len += 5 + len;
}

static void add_text(char type, const char *text) {
    add_frame(type, text, strlen(text));
}

/* A signal becomes a frame for the server: QUIT asks for tracebacks, the others cancel and end us. */
static void on_signal(int sig) {
    char frame[5] = {sig == SIGQUIT ? 'Q' : 'C', 0, 0, 0, 0};
    int saved = errno;
    (void) write_all(server, frame, sizeof frame);
    errno = saved;
    if (sig != SIGQUIT) {
        /* End as an interrupted in-process run would: by the signal itself. */
        signal(sig, SIG_DFL);
        raise(sig);
    }
}

/* The build digest: GOASM_SERVER_KEY, else the first line of GOASM_HOME/target/goasm.id. */
static int read_key(char *key, size_t size) {
    const char *named = getenv("GOASM_SERVER_KEY");
    if (named != NULL && *named != '\0') {
        return snprintf(key, size, "%s", named) < (int) size ? 0 : -1;
    }
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/target/goasm.id", home) >= (int) sizeof path) {
        return -1;
    }
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -1;
    }
    int ok = fgets(key, (int) size, f) != NULL;
    fclose(f);
    key[strcspn(key, " \t\r\n")] = '\0';
    return ok && *key != '\0' ? 0 : -1;
}

/* For sources_changed: the jar's modification time. */
static struct timespec jar_time;

static int newer_than_jar(const char *path, const struct stat *st, int flag, struct FTW *where) {
    (void) path;
    (void) flag;
    (void) where;
    return st->st_mtim.tv_sec > jar_time.tv_sec
           || (st->st_mtim.tv_sec == jar_time.tv_sec && st->st_mtim.tv_nsec > jar_time.tv_nsec);
}

/*
 * Whether a source file (GOASM_HOME/src/main, pom.xml) is newer than the jar, as bin/goasm
 * checks before it runs the jar: then bin/goasm rebuilds it. An installed copy without
 * sources has nothing to check.
 */
static int sources_changed(void) {
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/target/goasm.jar", home) >= (int) sizeof path || stat(path, &st) != 0) {
        return 1;
    }
    jar_time = st.st_mtim;
    if (snprintf(path, sizeof path, "%s/pom.xml", home) < (int) sizeof path && stat(path, &st) == 0
        && newer_than_jar(path, &st, FTW_F, NULL)) {
        return 1;
    }
    if (snprintf(path, sizeof path, "%s/src/main", home) >= (int) sizeof path || stat(path, &st) != 0) {
        return 0;
    }
    return nftw(path, newer_than_jar, 16, FTW_PHYS) != 0;
}

/* The socket directory, if it is a real directory of ours with mode 0700 (else nobody's to trust). */
static int socket_dir(char *dir, size_t size) {
    const char *named = getenv("GOASM_SERVER_DIR");
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    int n;
    if (named != NULL && *named != '\0') {
        n = snprintf(dir, size, "%s", named);
    } else if (runtime != NULL && *runtime != '\0') {
        n = snprintf(dir, size, "%s/goasm", runtime);
    } else {
        n = snprintf(dir, size, "/tmp/goasm-%u", (unsigned) geteuid());
    }
    struct stat st;
    if (n >= (int) size || lstat(dir, &st) != 0) {
        return -1;
    }
    return S_ISDIR(st.st_mode) && st.st_uid == geteuid() && (st.st_mode & 07777) == 0700 ? 0 : -1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: goasm-client GOASM_HOME [goasm arguments...]\n");
        return 2;
    }
    home = argv[1];
    goasm_argv = argv + 1;
    const char *command = argc > 2 ? argv[2] : "";

    /* Under go build -toolexec every tool but the assembler runs unchanged, as itself. */
    if (strcmp(command, "toolexec") == 0 && argc > 3) {
        const char *slash = strrchr(argv[3], '/');
        const char *tool = slash != NULL ? slash + 1 : argv[3];
        if (strcmp(tool, "asm") != 0 && strcmp(tool, "asm.exe") != 0) {
            execvp(argv[3], argv + 3);
            /* As goasm words it, in the words of Go's os/exec. */
            fprintf(stderr, "goasm toolexec: fork/exec %s: %s\n", argv[3],
                    errno == ENOENT ? "no such file or directory"
                    : errno == EACCES ? "permission denied" : strerror(errno));
            return 1;
        }
    }
    /* `goasm server ...` manages servers; it is no request for one. */
    if (strcmp(command, "server") == 0) {
        fall_back(0);
    }

    /* The opt-out, as bin/goasm honours it. */
    const char *wanted = getenv("GOASM_SERVER");
    if (wanted != NULL && strcmp(wanted, "off") == 0) {
        fall_back(0);
    }
    /*
     * The jar's digest file speaks for the jar only while the jar is current: after a source
     * change bin/goasm rebuilds it (and the next run starts its server). A digest named in
     * GOASM_SERVER_KEY speaks for itself.
     */
    const char *named_key = getenv("GOASM_SERVER_KEY");
    if ((named_key == NULL || *named_key == '\0') && sources_changed()) {
        fall_back(0);
    }
    char key[128], dir[PATH_MAX], cwd[PATH_MAX];
    if (read_key(key, sizeof key) != 0 || socket_dir(dir, sizeof dir) != 0 || getcwd(cwd, sizeof cwd) == NULL) {
        fall_back(1);
    }
    mode_t mask = umask(0);
    umask(mask);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (snprintf(address.sun_path, sizeof address.sun_path, "%s/%s-%03o.sock", dir, key, (unsigned) (mask & 0777))
        >= (int) sizeof address.sun_path) {
        fall_back(0);
    }
    server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (server < 0 || connect(server, (struct sockaddr *) &address, sizeof address) != 0) {
        fall_back(1); /* none there, or a dead one's socket file: start one */
    }
    /* The server must be our own user's process. */
    struct ucred peer;
    socklen_t peer_len = sizeof peer;
    if (getsockopt(server, SOL_SOCKET, SO_PEERCRED, &peer, &peer_len) != 0 || peer.uid != geteuid()) {
        fall_back(0);
    }

    add_text('V', key);
    add_text('D', cwd);
    if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
        add_frame('Y', "", 0); /* a terminal, as the JVM's System.console() would say in-process */
    }
    for (int i = 2; i < argc; i++) {
        add_text('A', argv[i]);
    }
    for (char **e = environ; *e != NULL; e++) {
        add_text('E', *e);
    }
    add_frame('G', "", 0);
    signal(SIGPIPE, SIG_IGN);
    if (write_all(server, request, request_len) != 0) {
        fall_back(1);
    }

    /*
     * A live server answers the build check at once (a thread of its own accepts). One that
     * does not is hung: it is ended (it is our own user's, checked above) so that a new one can
     * take its name, and this run goes without it. A server of another build at our name, or
     * one that went away, is replaced the same way.
     */
    struct pollfd ready = {.fd = server, .events = POLLIN};
    unsigned char header[5];
    if (poll(&ready, 1, HANDSHAKE_TIMEOUT_MS) != 1) {
        kill(peer.pid, SIGKILL);
        fall_back(1);
    }
    if (read_all(server, header, sizeof header) != 0 || header[0] != 'K'
        || (header[1] | header[2] | header[3] | header[4])) {
        fall_back(1);
    }
    struct sigaction action = {.sa_handler = on_signal};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);

    int relayed = 0;
    char buffer[1 << 16];
    for (;;) {
        if (read_all(server, header, sizeof header) != 0) {
            break;
        }
        uint32_t len = (uint32_t) header[1] << 24 | (uint32_t) header[2] << 16 | (uint32_t) header[3] << 8 | header[4];
        if (header[0] == 'X' && len == 4) {
            unsigned char status[4];
            if (read_all(server, status, sizeof status) != 0) {
                break;
            }
            return (int) ((uint32_t) status[0] << 24 | (uint32_t) status[1] << 16 | (uint32_t) status[2] << 8 | status[3]);
        }
        if (header[0] != '1' && header[0] != '2') {
            break;
        }
        int fd = header[0] == '1' ? STDOUT_FILENO : STDERR_FILENO;
        while (len > 0) {
            size_t chunk = len < sizeof buffer ? len : sizeof buffer;
            if (read_all(server, buffer, chunk) != 0) {
                goto lost;
            }
            relayed = 1;
            (void) write_all(fd, buffer, chunk); /* a closed stdout loses output, as it would in-process */
            len -= (uint32_t) chunk;
        }
    }
lost:
    /* The server died with our request. Nothing shown yet: run it again without a server. */
    if (!relayed) {
        fall_back(1);
    }
    fprintf(stderr, "goasm: the goasm server ended during this request (see goasm server status)\n");
    return 2;
}
