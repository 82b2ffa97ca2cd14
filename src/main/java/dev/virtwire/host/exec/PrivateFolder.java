package dev.virtwire.host.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A folder for sockets only this user may reach (the resident session's, ssh's shared connections): a real
 * folder, not a link, owned by this process's user, mode 0700. A socket found in one was made by this user.
 * Only java.base: the resident session's client loads it at every start.
 */
public final class PrivateFolder {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateFolder() {
    }

    /** {@code $XDG_RUNTIME_DIR/NAME} (the user's own, cleared at logout), else {@code TMPDIR/NAME-USER}. */
    public static Path inRuntimeDir(Map<String, String> env, String name) {
        String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "");
        if (runtime.startsWith("/")) {
            return Path.of(runtime, name);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), name + "-" + System.getProperty("user.name"));
    }

    /** True when {@code dir} is a real folder, this user's, that no one else may enter. */
    public static boolean isPrivate(Path dir) {
        try {
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    && Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(ownUid())
                    && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * The folder, made (0700) when it is missing, when it is then private; empty when it cannot be made (an
     * unwritable parent, a full disk) or is not private (another user's, or open to others: never changed).
     */
    public static Optional<Path> make(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(dir, OWNER_ONLY); // whatever the umask took away
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty(); // including another process making it meanwhile: checked next time
        }
        return isPrivate(dir) ? Optional.of(dir) : Optional.empty();
    }

    private static Object ownUid() throws IOException {
        return Files.getAttribute(Path.of("/proc/self"), "unix:uid"); // /proc/self belongs to the process's user
    }
}
