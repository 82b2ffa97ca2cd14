package dev.virtwire.host;

import dev.virtwire.model.NicType;
import java.util.Optional;

/**
 * The primitive changes Virtwire makes to a host. Each one is a single, verifiable step; the change layer
 * composes them into plans with preconditions, inverses and previews. Failures throw {@link HostException}.
 */
public interface HostWriter {

    /** Points a guest NIC at another network, bridge or host device, keeping its MAC, model and PCI address. */
    void attachNic(String guest, String mac, NicType type, String source, Scope scope);

    /** Plugs or unplugs a guest NIC's virtual cable. */
    void setNicLink(String guest, String mac, boolean up, Scope scope);

    /** {@code ip link set LINK up|down}. */
    void setLinkUp(String link, boolean up);

    /** {@code ip link set LINK master BRIDGE} or {@code nomaster} when empty. */
    void setLinkMaster(String link, Optional<String> master);

    /** {@code virsh net-start} / {@code net-destroy}. */
    void setNetworkActive(String network, boolean active);
}
