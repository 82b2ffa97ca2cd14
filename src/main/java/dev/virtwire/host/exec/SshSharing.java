package dev.virtwire.host.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One ssh connection per host for Virtwire's commands there (OpenSSH's connection sharing): a read runs dozens of
 * commands, and each new connection costs a key exchange, a fifth of a second and more on a busy host. The first
 * command opens the connection, the others run over it, and it stays {@value #KEPT_SECONDS} s after the last one
 * ends. Its socket lives in a folder only this user can enter ({@code $XDG_RUNTIME_DIR/virtwire-ssh}, else
 * {@code /tmp/virtwire-ssh-USER}); where there is no such folder, or the client is not OpenSSH's {@code ssh},
 * each command opens its own connection as before. {@code VIRTWIRE_SSH_SHARING=off} turns it off.
 */
final class SshSharing {
    static final int KEPT_SECONDS = 60;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static Optional<Path> folder;

    private SshSharing() {
    }

    /** The options that make {@code program} share one connection per host; none where it cannot. */
    static List<String> options(String program) {
        if (!Path.of(program).getFileName().toString().equals("ssh")) {
            return List.of();
        }
        return folder().map(dir -> List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + dir + "/%C", "-o",
                "ControlPersist=" + KEPT_SECONDS)).orElse(List.of());
    }

    private static synchronized Optional<Path> folder() {
        if (folder == null) {
            folder = "off".equals(System.getenv("VIRTWIRE_SSH_SHARING")) ? Optional.empty()
                    : privateFolder(Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")).filter(d -> !d.isBlank())
                            .map(d -> Path.of(d, "virtwire-ssh"))
                            .orElse(Path.of("/tmp", "virtwire-ssh-" + System.getProperty("user.name"))));
        }
        return folder;
    }

    /** The folder, made if it is not there, when it is this user's own and no one else may enter it. */
    static Optional<Path> privateFolder(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(dir, OWNER_ONLY); // whatever the umask took away
            }
            boolean mine = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName()
                    .equals(System.getProperty("user.name"));
            return mine && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)
                    ? Optional.of(dir) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
