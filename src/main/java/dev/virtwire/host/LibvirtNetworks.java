package dev.virtwire.host;

import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.VirtualNetwork;
import java.util.Optional;

/** libvirt's virtual networks: whether they run, their definitions and their DHCP reservations. */
public interface LibvirtNetworks {

    /** {@code virsh net-start} / {@code net-destroy}. */
    void setNetworkActive(String network, boolean active);

    /**
     * {@code virsh net-define}: creates the network's persistent definition or replaces it. An active network
     * keeps running with its old definition until it is stopped and started again (libvirt's rule). A NEW
     * network's bridge gets {@code bridgeMac} when given, so that a network deleted and defined again (undo,
     * redo) brings back the same bridge; an existing network keeps its own MAC.
     */
    void defineNetwork(VirtualNetwork definition, Optional<String> bridgeMac);

    /** {@code virsh net-undefine}; the network must be inactive. */
    void undefineNetwork(String network);

    /** {@code virsh net-update NET add|delete ip-dhcp-host ...}. */
    void setDhcpHost(String network, DhcpHost host, boolean present, Scope scope);
}
