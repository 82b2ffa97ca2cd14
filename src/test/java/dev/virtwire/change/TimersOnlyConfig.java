package dev.virtwire.change;

import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The saved-configuration port as a confirmation sees it, for tests that script a host's timers: only the timers are
 * answered (by the subclass). A confirmation never writes a file nor runs a manager's command, so each of those fails
 * the test; so does a checkpoint, unless the subclass keeps them.
 */
abstract class TimersOnlyConfig implements SavedNetworkConfig {
    @Override
    public void armCheckpoint(String id, Duration rollbackAfter) {
        throw notConfirming();
    }

    @Override
    public boolean destroyCheckpoint(String id) {
        throw notConfirming();
    }

    @Override
    public List<String> checkpoints() {
        throw notConfirming();
    }

    @Override
    public final void writeFile(ConfigFile file, Optional<String> expected) {
        throw notConfirming();
    }

    @Override
    public final void requireUnchanged(String path, Optional<String> expected) {
        throw notConfirming();
    }

    @Override
    public final void removeFile(String path, Optional<String> expected) {
        throw notConfirming();
    }

    @Override
    public final void run(List<String> argv) {
        throw notConfirming();
    }

    @Override
    public final void swapIfupdown(ConfigFile file, Optional<String> expected, String down, String up) {
        throw notConfirming();
    }

    @Override
    public final void swapNetworkd(List<ConfigFileChange> files, String bridge, String nic, boolean bridged,
                                   boolean netplan) {
        throw notConfirming();
    }

    private static UnsupportedOperationException notConfirming() {
        return new UnsupportedOperationException("not part of confirming");
    }
}
