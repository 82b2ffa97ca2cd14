package dev.virtwire.host.sim;

import dev.virtwire.host.HostException;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo host has no network configuration manager: its snapshot says the saved configuration was not read,
 * so no plan saves anything there; a step that tries anyway is refused.
 */
final class NoSavedConfig implements SavedNetworkConfig {
    private static HostException refused() {
        return new HostException("the demo host has no network configuration manager: its changes are live only");
    }

    @Override
    public void writeFile(ConfigFile file, Optional<String> expected) {
        throw refused();
    }

    @Override
    public void requireUnchanged(String path, Optional<String> expected) {
        throw refused();
    }

    @Override
    public void removeFile(String path, Optional<String> expected) {
        throw refused();
    }

    @Override
    public void run(List<String> argv) {
        throw refused();
    }

    @Override
    public void armCheckpoint(String id, Duration rollbackAfter) {
        throw refused();
    }

    @Override
    public boolean destroyCheckpoint(String id) {
        return false;
    }

    /** No NetworkManager, so no checkpoint. */
    @Override
    public List<String> checkpoints() {
        return List.of();
    }

    @Override
    public void swapIfupdown(ConfigFile file, Optional<String> expected, String down, String up) {
        throw refused();
    }

    @Override
    public void swapNetworkd(List<ConfigFileChange> files, String bridge, String nic, boolean bridged,
                             boolean netplan) {
        throw refused();
    }

    @Override
    public void armUplinkRevert(String id, LinkOwner manager, List<ConfigFileChange> files, Optional<String> bridge,
                                String nic, List<String> ipBatch, Duration after) {
        throw refused();
    }

    @Override
    public boolean disarmUplinkRevert(String id, List<ConfigFileChange> files) {
        throw refused();
    }

    @Override
    public boolean uplinkRevertRan(String id, List<ConfigFileChange> files) {
        throw refused();
    }
}
