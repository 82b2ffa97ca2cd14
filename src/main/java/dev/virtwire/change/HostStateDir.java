package dev.virtwire.change;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where one host's history lives: {@code STATE_DIR/hosts/READABLE-NAME-HASH}, one folder per host and target;
 * the demo host's in {@code STATE_DIR/demo}.
 */
final class HostStateDir {
    private HostStateDir() {
    }

    static Path of(Path stateDir, HostAddress address) {
        if (address.isDemo()) {
            return HostAddress.demoStateDir(stateDir); // beside the demo host's own state: they start over together
        }
        String key = address.uri() + (address.target() instanceof Target.Local ? "" : " " + address.target().describe());
        String readable = key.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        return stateDir.resolve("hosts").resolve(readable + "-" + hash(key));
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
