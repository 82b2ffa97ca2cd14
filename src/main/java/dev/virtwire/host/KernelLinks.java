package dev.virtwire.host;

import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Route;
import java.util.Optional;

/** The kernel's links, addresses and routes, changed as {@link IpCommands} writes them. */
public interface KernelLinks {

    /** {@code ip link set LINK up|down}. */
    void setLinkUp(String link, boolean up);

    /** {@code ip link set LINK master BRIDGE} or {@code nomaster} when empty. */
    void setLinkMaster(String link, Optional<String> master);

    /** {@code ip link add NAME [address MAC] type bridge stp_state 0|1 forward_delay N}; the new bridge is down. */
    void createBridge(String name, BridgeSettings settings, Optional<String> mac);

    /** {@code ip link delete NAME type bridge}; its ports are released first by the kernel. */
    void deleteBridge(String name);

    /** {@code ip link add link PARENT name NAME type vlan id ID}: made down, as the kernel makes it. */
    void createVlan(String name, String parent, int id);

    void deleteVlan(String name);

    /** {@code ip link set LINK mtu N}. */
    void setLinkMtu(String link, int mtu);

    /** {@code ip link set LINK address MAC}. */
    void setLinkMac(String link, String mac);

    /** {@code ip address add|del CIDR dev LINK}; the address's prefix route gets this metric when given. */
    void setAddress(String link, String cidr, boolean present, Optional<Integer> prefixRouteMetric);

    /** {@code ip route add|del ...}. */
    void setRoute(Route route, boolean present);
}
