package dev.virtwire.host.exec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One ssh connection per host for Virtwire's commands there (OpenSSH's connection sharing): a read runs dozens of
 * commands, and each new connection costs a key exchange, a fifth of a second and more on a busy host. The first
 * command opens the connection, the others run over it, and it stays {@value #KEPT_SECONDS} s after the last one
 * ends. Its socket lives in a folder only this user can enter ({@code $XDG_RUNTIME_DIR/virtwire-ssh}, else
 * {@code /tmp/virtwire-ssh-USER}); where there is no such folder, its path is too long for a socket, or the
 * client is not OpenSSH's {@code ssh}, each command opens its own connection as before. {@code VIRTWIRE_SSH_SHARING=off} turns it off.
 */
final class SshSharing {
    static final int KEPT_SECONDS = 60;
    /**
     * A kept connection whose host went away without a word (rebooted, its address gone for a while) would take
     * every later command with it until TCP gives up, minutes later: asked every 5 s, it ends after 15 s of silence
     * and the next command opens a new one.
     */
    static final int ALIVE_SECONDS = 5;
    static final int ALIVE_TRIES = 3;
    /**
     * A Unix socket's path holds at most 107 bytes; ssh's {@code %C} is 40 hex digits, and the master first binds
     * the path with a dot and 16 random characters added before renaming it: a longer folder gets no sharing.
     */
    static final int LONGEST_FOLDER = 107 - "/".length() - 40 - ".".length() - 16;
    private static Optional<Path> folder;

    private SshSharing() {
    }

    /** The options that make {@code program} share one connection per host; none where it cannot. */
    static List<String> options(String program) {
        if (!Path.of(program).getFileName().toString().equals("ssh")) {
            return List.of();
        }
        return folder().map(dir -> List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + dir + "/%C", "-o",
                "ControlPersist=" + KEPT_SECONDS, "-o", "ServerAliveInterval=" + ALIVE_SECONDS, "-o",
                "ServerAliveCountMax=" + ALIVE_TRIES)).orElse(List.of());
    }

    private static synchronized Optional<Path> folder() {
        if (folder == null) {
            folder = "off".equals(System.getenv("VIRTWIRE_SSH_SHARING")) ? Optional.empty()
                    : usable(PrivateFolder.inRuntimeDir(System.getenv(), "virtwire-ssh")).flatMap(PrivateFolder::make);
        }
        return folder;
    }

    /**
     * The folder when a socket path in it fits ({@link #LONGEST_FOLDER}; else ssh says so on every command) and ssh
     * reads its name as written (a {@code %} would be one of its tokens, a blank would end the option's value).
     */
    static Optional<Path> usable(Path dir) {
        String name = dir.toString();
        return name.getBytes(StandardCharsets.UTF_8).length <= LONGEST_FOLDER && !name.matches(".*[%\\s].*")
                ? Optional.of(dir) : Optional.empty();
    }
}
