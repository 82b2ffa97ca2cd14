package dev.virtwire.ui.findings;

import dev.virtwire.model.HostSnapshot;
import java.util.Optional;

/** The fleet's hosts as the window has them now: a host's snapshot while it is up and drawn (FX thread). */
@FunctionalInterface
public interface HostsNow {
    Optional<HostSnapshot> snapshot(String host);
}
