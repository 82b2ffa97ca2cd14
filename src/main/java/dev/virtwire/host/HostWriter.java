package dev.virtwire.host;

import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.NicType;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.time.Duration;
import java.util.List;
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

    // The primitives below came with the change layer. They have defaults that refuse, so that a host
    // implementation written before them still compiles; each real host overrides what it supports.

    /** {@code sysctl -w net.ipv4.ip_forward=0|1}. */
    default void setIpForward(boolean on) {
        throw unsupported("changing net.ipv4.ip_forward");
    }

    /** {@code ip link add NAME [address MAC] type bridge stp_state 0|1 forward_delay N}; the new bridge is down. */
    default void createBridge(String name, BridgeSettings settings, Optional<String> mac) {
        throw unsupported("creating Linux bridges");
    }

    /** {@code ip link delete NAME type bridge}; its ports are released first by the kernel. */
    default void deleteBridge(String name) {
        throw unsupported("deleting Linux bridges");
    }

    /** {@code ip link set LINK mtu N}. */
    default void setLinkMtu(String link, int mtu) {
        throw unsupported("changing a link's MTU");
    }

    /** {@code ip link set LINK address MAC}. */
    default void setLinkMac(String link, String mac) {
        throw unsupported("changing a link's MAC address");
    }

    /** {@code ip address add|del CIDR dev LINK}. */
    default void setAddress(String link, String cidr, boolean present) {
        throw unsupported("changing a link's addresses");
    }

    /** As {@link #setAddress(String, String, boolean)}, the address's prefix route with this metric. */
    default void setAddress(String link, String cidr, boolean present, Optional<Integer> prefixRouteMetric) {
        if (prefixRouteMetric.isPresent() && present) {
            throw unsupported("giving an address's prefix route a metric");
        }
        setAddress(link, cidr, present);
    }

    /** {@code ip route add|del ...}. */
    default void setRoute(Route route, boolean present) {
        throw unsupported("changing routes");
    }

    /**
     * {@code virsh net-define}: creates the network's persistent definition or replaces it. An active network
     * keeps running with its old definition until it is stopped and started again (libvirt's rule).
     */
    default void defineNetwork(VirtualNetwork definition) {
        throw unsupported("defining libvirt networks");
    }

    /**
     * As {@link #defineNetwork(VirtualNetwork)}, giving a NEW network's bridge this MAC: a network deleted and
     * defined again (undo, redo) then brings back the same bridge. An existing network keeps its own MAC.
     */
    default void defineNetwork(VirtualNetwork definition, Optional<String> bridgeMac) {
        if (bridgeMac.isPresent()) {
            throw unsupported("defining libvirt networks with a given bridge MAC");
        }
        defineNetwork(definition);
    }

    /** {@code virsh net-undefine}; the network must be inactive. */
    default void undefineNetwork(String network) {
        throw unsupported("removing libvirt networks");
    }

    /** {@code virsh net-update NET add|delete ip-dhcp-host ...}. */
    default void setDhcpHost(String network, DhcpHost host, boolean present, Scope scope) {
        throw unsupported("changing DHCP reservations");
    }

    /** Writes or removes a port forward's DNAT and FORWARD-accept rules in the firewall backend in use. */
    default void setPortForward(PortForward forward, boolean present) {
        throw unsupported("changing port forwards");
    }

    /** Inserts or deletes the iptables rules that let a bridge's traffic through the forward filter. */
    default void setForwardAccept(ForwardAccept accept, boolean present) {
        throw unsupported("changing the host's forward filter");
    }

    /**
     * Starts a watchdog ON THE HOST that runs these {@code ip -batch} lines after {@code delay} unless it is
     * disarmed first: the revert of a risky change survives the loss of Virtwire's connection.
     *
     * @param id letters, digits and dashes; names the watchdog for {@link #disarmRevert}
     */
    default void armRevert(String id, List<String> ipBatch, Duration delay) {
        throw unsupported("reverting changes from a host-side watchdog");
    }

    /** Cancels a watchdog. False when it is gone: it already ran the revert (or never existed). */
    default boolean disarmRevert(String id) {
        throw unsupported("reverting changes from a host-side watchdog");
    }

    private HostException unsupported(String what) {
        return new HostException(what + " is not available on this host yet: use the demo host (--demo) "
                + "or a newer Virtwire");
    }
}
