package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One file of a manager's saved configuration as a change finds it and as it leaves it: written, rewritten or
 * removed. The file as it was is kept byte for byte, so that the change can be taken back exactly.
 *
 * @param before the file as the plan found it; empty: there was none
 * @param after  the file to put in place; empty: it is removed
 */
public record ConfigFileChange(Optional<ConfigFile> before, Optional<ConfigFile> after) {
    public ConfigFileChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("a file change needs the file before or after it");
        }
        if (before.isPresent() && after.isPresent() && !before.get().path().equals(after.get().path())) {
            throw new IllegalArgumentException(before.get().path() + " and " + after.get().path() + " are two files");
        }
    }

    public static ConfigFileChange written(ConfigFile after) {
        return new ConfigFileChange(Optional.empty(), Optional.of(after));
    }

    public static ConfigFileChange rewritten(ConfigFile before, ConfigFile after) {
        return new ConfigFileChange(Optional.of(before), Optional.of(after));
    }

    public String path() {
        return after.or(() -> before).orElseThrow().path();
    }

    /** The change that takes this one back. */
    public ConfigFileChange reversed() {
        return new ConfigFileChange(after, before);
    }
}
