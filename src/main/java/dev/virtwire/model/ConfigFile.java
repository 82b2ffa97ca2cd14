package dev.virtwire.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A network configuration manager's file as it is (or is to be) on the host: its text, byte for byte, and the
 * mode and owner it is written with.
 *
 * @param mode  octal permission bits, e.g. {@code 600}
 */
public record ConfigFile(String path, String text, String mode, String owner, String group) {
    private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]*\\$?|[0-9]+");

    public ConfigFile {
        Objects.requireNonNull(text, "text");
        if (path == null || !path.startsWith("/") || path.contains("/../") || path.contains("\n")) {
            throw new IllegalArgumentException("'" + path + "' is not an absolute file path");
        }
        if (mode == null || !MODE.matcher(mode).matches()) {
            throw new IllegalArgumentException("'" + mode + "' is not an octal file mode such as 600");
        }
        if (owner == null || !NAME.matcher(owner).matches() || group == null || !NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("'" + owner + ":" + group + "' is not a file owner and group");
        }
    }

    /** A file only root reads and writes (NetworkManager's keyfiles hold secrets). */
    public static ConfigFile privateToRoot(String path, String text) {
        return new ConfigFile(path, text, "600", "root", "root");
    }

    /** This text with the other file's mode and owner (an existing file keeps its own when rewritten). */
    public ConfigFile withModeAndOwnerOf(ConfigFile other) {
        return new ConfigFile(path, text, other.mode, other.owner, other.group);
    }

    public ConfigFile withText(String newText) {
        return new ConfigFile(path, newText, mode, owner, group);
    }
}
