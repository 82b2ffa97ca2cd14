package dev.virtwire.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A kernel network link of the host: a NIC, bridge, tap, veth, macvtap, VLAN, bond...
 *
 * @param master    the bridge or bond this link is a port of
 * @param parent    the link this one sits on: a VLAN's or macvtap's lower device, a veth's peer
 * @param addresses addresses in CIDR form, e.g. {@code 192.168.1.20/24}
 * @param vlanId    the 802.1Q id of a VLAN link
 * @param bridge    spanning tree and VLAN filtering of a bridge (empty for other kinds or when unknown)
 * @param port      the port state when this link is a bridge port (empty when not, or unknown)
 * @param bond      a bond's mode and active slave (empty for other kinds or when unknown)
 * @param bondSlave the link's state as a slave of its bond (empty when not a slave, or unknown)
 * @param vlanProtocol a VLAN link's tag protocol: {@code 802.1Q}, or {@code 802.1ad} for a service tag
 * @param addresses6 IPv6 addresses in canonical CIDR form, global and link-local ({@code fe80::/10}) alike
 *                   ({@code addresses} has always held IPv4 only)
 */
public record Link(String name, LinkKind kind, Optional<String> mac, OptionalInt mtu, LinkState state,
                   boolean adminUp, Optional<String> master, Optional<String> parent, List<String> addresses,
                   OptionalInt vlanId, Optional<BridgeSettings> bridge, Optional<BridgePort> port,
                   Optional<Bond> bond, Optional<BondSlave> bondSlave, Optional<String> vlanProtocol,
                   List<String> addresses6) {

    public Link {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        mac = mac.map(Mac::normalize);
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(bond, "bond");
        Objects.requireNonNull(bondSlave, "bondSlave");
        Objects.requireNonNull(vlanProtocol, "vlanProtocol");
        addresses6 = List.copyOf(addresses6);
    }

    /** A link without IPv6 addresses. */
    public Link(String name, LinkKind kind, Optional<String> mac, OptionalInt mtu, LinkState state, boolean adminUp,
                Optional<String> master, Optional<String> parent, List<String> addresses, OptionalInt vlanId,
                Optional<BridgeSettings> bridge, Optional<BridgePort> port, Optional<Bond> bond,
                Optional<BondSlave> bondSlave, Optional<String> vlanProtocol) {
        this(name, kind, mac, mtu, state, adminUp, master, parent, addresses, vlanId, bridge, port, bond, bondSlave,
                vlanProtocol, List.of());
    }

    /** A link without bond or VLAN protocol details. */
    public Link(String name, LinkKind kind, Optional<String> mac, OptionalInt mtu, LinkState state, boolean adminUp,
                Optional<String> master, Optional<String> parent, List<String> addresses, OptionalInt vlanId,
                Optional<BridgeSettings> bridge, Optional<BridgePort> port) {
        this(name, kind, mac, mtu, state, adminUp, master, parent, addresses, vlanId, bridge, port, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** A link without bridge or port details (what callers that predate them construct). */
    public Link(String name, LinkKind kind, Optional<String> mac, OptionalInt mtu, LinkState state, boolean adminUp,
                Optional<String> master, Optional<String> parent, List<String> addresses, OptionalInt vlanId) {
        this(name, kind, mac, mtu, state, adminUp, master, parent, addresses, vlanId, Optional.empty(),
                Optional.empty());
    }

    /** A plain link with no master, parent or VLAN id. */
    public static Link of(String name, LinkKind kind, String mac, int mtu, LinkState state, List<String> addresses) {
        return new Link(name, kind, Optional.ofNullable(mac), mtu > 0 ? OptionalInt.of(mtu) : OptionalInt.empty(),
                state, state != LinkState.DOWN, Optional.empty(), Optional.empty(), addresses, OptionalInt.empty());
    }

    public boolean isUp() {
        return state == LinkState.UP || (state == LinkState.UNKNOWN && adminUp);
    }

    public Link withMaster(Optional<String> newMaster) {
        // a port's state belongs to its old bridge
        return new Link(name, kind, mac, mtu, state, adminUp, newMaster, parent, addresses, vlanId, bridge,
                newMaster.equals(master) ? port : Optional.empty(), bond,
                newMaster.equals(master) ? bondSlave : Optional.empty(), vlanProtocol, addresses6);
    }

    public Link withState(LinkState newState) {
        return new Link(name, kind, mac, mtu, newState, newState != LinkState.DOWN, master, parent, addresses, vlanId,
                bridge, port, bond, bondSlave, vlanProtocol, addresses6);
    }

    public Link withAddresses(List<String> newAddresses) {
        return new Link(name, kind, mac, mtu, state, adminUp, master, parent, newAddresses, vlanId, bridge, port,
                bond, bondSlave, vlanProtocol, addresses6);
    }

    public Link withParent(Optional<String> newParent) {
        return new Link(name, kind, mac, mtu, state, adminUp, master, newParent, addresses, vlanId, bridge, port,
                bond, bondSlave, vlanProtocol, addresses6);
    }

    public Link withVlanId(OptionalInt newVlanId) {
        return new Link(name, kind, mac, mtu, state, adminUp, master, parent, addresses, newVlanId, bridge, port,
                bond, bondSlave, vlanProtocol, addresses6);
    }

    public Link withBridge(Optional<BridgeSettings> newBridge) {
        return new Link(name, kind, mac, mtu, state, adminUp, master, parent, addresses, vlanId, newBridge, port,
                bond, bondSlave, vlanProtocol, addresses6);
    }

    public Link withPort(Optional<BridgePort> newPort) {
        return new Link(name, kind, mac, mtu, state, adminUp, master, parent, addresses, vlanId, bridge, newPort,
                bond, bondSlave, vlanProtocol, addresses6);
    }

    public Link withBond(Optional<Bond> newBond, Optional<BondSlave> newSlave) {
        return new Link(name, kind, mac, mtu, state, adminUp, master, parent, addresses, vlanId, bridge, port,
                newBond, newSlave, vlanProtocol, addresses6);
    }

    public Link withAddresses6(List<String> newAddresses6) {
        return new Link(name, kind, mac, mtu, state, adminUp, master, parent, addresses, vlanId, bridge, port,
                bond, bondSlave, vlanProtocol, newAddresses6);
    }

    public Link withVlanProtocol(Optional<String> protocol) {
        return new Link(name, kind, mac, mtu, state, adminUp, master, parent, addresses, vlanId, bridge, port,
                bond, bondSlave, protocol, addresses6);
    }
}
