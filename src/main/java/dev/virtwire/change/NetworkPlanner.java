package dev.virtwire.change;

import dev.virtwire.change.op.GuestTap;
import dev.virtwire.change.op.NetworkActiveOp;
import dev.virtwire.change.op.NetworkDefinitionOp;
import dev.virtwire.change.op.NetworkReplug;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.Guest;
import dev.virtwire.host.RulesV4Nat;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Plans libvirt network changes: create, delete, start, stop and switch mode. */
final class NetworkPlanner {
    private final HostSnapshot s;
    private final NetworkDefinitions definitions;

    NetworkPlanner(HostSnapshot snapshot) {
        this.s = snapshot;
        this.definitions = new NetworkDefinitions(snapshot);
    }

    Plan setActive(NetworkIntent.SetNetworkActive i) {
        VirtualNetwork n = network(i.network());
        if (n.active() == i.active()) {
            throw new ChangeRefused("network " + n.name() + " is " + (n.active() ? "active" : "inactive") + " already");
        }
        if (i.active() && n.mode() == NetworkMode.BRIDGE && n.bridge().isPresent()
                && s.link(n.bridge().get()).isEmpty()) {
            throw new ChangeRefused("network " + n.name() + " runs over bridge " + n.bridge().get()
                    + ", which does not exist: create the bridge first");
        }
        // Stopping remembers which taps were plugged in, so that undo (starting again) plugs exactly those.
        // A network without a bridge (macvtap) has no taps to plug.
        List<GuestTap> replug = n.bridge().isEmpty() ? List.of()
                : i.active() ? NetworkReplug.nicsOn(s, n.name()) : NetworkReplug.pluggedInto(s, n.name());
        return new Plan(i, i.describe(), List.of(new NetworkActiveOp(n.name(), i.active(), replug, n.bridge())));
    }

    Plan restart(NetworkIntent.RestartNetwork i) {
        VirtualNetwork n = network(i.network());
        if (!n.active()) {
            throw new ChangeRefused("network " + n.name() + " is inactive: start it instead");
        }
        List<GuestTap> plugged = n.bridge().isEmpty() ? List.of() : NetworkReplug.pluggedInto(s, n.name());
        return new Plan(i, i.describe(), List.of(new NetworkActiveOp(n.name(), false, plugged, n.bridge()),
                new NetworkActiveOp(n.name(), true, plugged, n.bridge(), masqueradeNotSaved(n))));
    }

    /**
     * Restarting a NAT network makes libvirt's masquerade again (the fix for nat-masquerade-missing); where
     * iptables-persistent's rules.v4 lacks it, loading the file again takes it away: the plan says so.
     */
    private String masqueradeNotSaved(VirtualNetwork n) {
        if (n.mode() != NetworkMode.NAT) {
            return "";
        }
        return RulesV4Nat.of(s.firewall(), n).filter(saved -> !saved.masquerades())
                .map(saved -> RulesV4Nat.notSaved(saved.subnet())).orElse("");
    }

    Plan create(NetworkIntent.CreateNetwork i) {
        String name = Input.libvirtName(i.name(), "network");
        s.network(name).ifPresent(n -> {
            throw new ChangeRefused("a network named " + name + " exists already");
        });
        if (i.address6().isEmpty() && i.dhcp6First().isPresent()) {
            throw new ChangeRefused("a DHCPv6 range needs the network's IPv6 address with its prefix, e.g. "
                    + "fd00:1::1/64");
        }
        List<NetworkIp> ips6 = i.address6().map(a -> definitions.ipv6(a, i.dhcp6First(), i.dhcp6Last(),
                Optional.empty())).orElse(List.of());
        VirtualNetwork def = definitions.build(name, i.mode(), i.bridge(), i.address(), dhcp(i), i.device(), ips6,
                Optional.empty());
        Optional<String> mac = NetworkDefinitions.libvirtOwnsBridge(def.mode()) ? Optional.of(StableMacs.forBridge(name))
                : Optional.empty();
        return new Plan(i, i.describe(), List.of(new NetworkDefinitionOp(name, Optional.empty(), Optional.of(def),
                false, List.of(), mac), new NetworkActiveOp(name, true)));
    }

    Plan delete(NetworkIntent.DeleteNetwork i) {
        VirtualNetwork n = network(i.name());
        List<String> users = s.guests().stream().filter(g -> g.nics().stream().anyMatch(nic -> nic.type() == NicType.NETWORK
                && nic.source().filter(n.name()::equals).isPresent())).map(Guest::name).toList();
        if (!users.isEmpty()) {
            throw new ChangeRefused("guests " + String.join(", ", users) + " have NICs on network " + n.name()
                    + ": move them to another network first");
        }
        List<dev.virtwire.change.op.Operation> ops = new java.util.ArrayList<>();
        if (n.active()) {
            ops.add(new NetworkActiveOp(n.name(), false));
        }
        Optional<String> mac = n.bridge().filter(b -> NetworkDefinitions.libvirtOwnsBridge(n.mode())).flatMap(s::link)
                .flatMap(l -> l.mac());
        ops.add(new NetworkDefinitionOp(n.name(), Optional.of(n.withActive(false)), Optional.empty(), false, List.of(),
                mac));
        return new Plan(i, i.describe(), ops);
    }

    Plan setMode(NetworkIntent.SetNetworkMode i) {
        VirtualNetwork n = network(i.network());
        List<GuestTap> replug = n.active() ? NetworkReplug.pluggedInto(s, n.name()) : List.of();
        boolean direct = i.mode().isDirect() || (i.mode() == NetworkMode.BRIDGE && i.bridge().isEmpty());
        boolean wasDirect = n.mode().isDirect() || (n.mode() == NetworkMode.BRIDGE && n.bridge().isEmpty());
        if (direct != wasDirect && !replug.isEmpty()) {
            throw new ChangeRefused("running guests use network " + n.name() + " and libvirt cannot move their NICs "
                    + "between a bridge and macvtap while they run: shut off " + String.join(", ", replug.stream()
                    .map(t -> t.nic().guest()).distinct().toList()) + " first");
        }
        Optional<String> keepBridge = NetworkDefinitions.libvirtOwnsBridge(n.mode()) ? n.bridge() : Optional.empty();
        boolean keepSubnet = NetworkDefinitions.libvirtOwnsBridge(i.mode()) && i.address().isEmpty();
        Optional<String> address = keepSubnet ? n.ips().stream().findFirst().map(NetworkIp::address) : i.address();
        Optional<DhcpRange> range = keepSubnet ? n.ips().stream().findFirst()
                .flatMap(ip -> ip.dhcpRanges().stream().findFirst()) : Optional.empty();
        VirtualNetwork def = definitions.build(n.name(), i.mode(), i.bridge().or(() -> NetworkDefinitions
                .libvirtOwnsBridge(i.mode()) ? keepBridge : Optional.empty()), address, range, i.device(), Optional.of(n));
        // libvirt refuses a network-wide <mtu>/<bandwidth> where it does not own the bridge (bridge, macvtap, hostdev)
        boolean ownBridge = NetworkDefinitions.libvirtOwnsBridge(i.mode());
        def = new VirtualNetwork(def.name(), n.uuid(), false, n.autostart(), def.mode(), def.bridge(), def.devices(),
                keepReservations(def.ips(), n.ips()), ownBridge ? n.mtu() : OptionalInt.empty(),
                ownBridge ? n.bandwidth() : Optional.empty(), n.portgroups(), ownBridge ? ips6(i, n) : List.of());
        if (sameDefinition(n, def)) {
            throw new ChangeRefused("network " + n.name() + " is " + n.mode().json() + " like that already");
        }
        return new Plan(i, i.describe(), List.of(new NetworkDefinitionOp(n.name(), Optional.of(n.withActive(false)),
                Optional.of(def), n.active(), replug, Optional.empty())));
    }

    private static boolean sameDefinition(VirtualNetwork a, VirtualNetwork b) {
        return a.mode() == b.mode() && a.bridge().equals(b.bridge()) && a.devices().equals(b.devices())
                && a.ips().equals(b.ips()) && a.ips6().equals(b.ips6());
    }

    /**
     * The IPv6 {@code <ip>}s after an edit: the ones asked for (DHCPv6 reservations kept where the prefix stays),
     * none, or the network's own, a DHCPv6 range given alone applied to its first prefix.
     */
    private List<NetworkIp> ips6(NetworkIntent.SetNetworkMode i, VirtualNetwork n) {
        if (i.address6().filter(NetworkIntent.SetNetworkMode.NO_IPV6::equals).isPresent()) {
            if (i.dhcp6First().isPresent()) {
                throw new ChangeRefused("a DHCPv6 range needs an IPv6 prefix: leave it out to take IPv6 away");
            }
            return List.of();
        }
        Optional<String> address6 = i.address6().or(() -> i.dhcp6First().isPresent()
                ? n.ips6().stream().findFirst().map(NetworkIp::address) : Optional.empty());
        if (address6.isEmpty()) {
            if (i.dhcp6First().isPresent()) {
                throw new ChangeRefused("network " + n.name() + " has no IPv6 prefix for a DHCPv6 range: give its "
                        + "IPv6 address with the prefix too, e.g. fd00:1::1/64");
            }
            return n.ips6();
        }
        List<NetworkIp> fresh = definitions.ipv6(address6.get(), i.dhcp6First(), i.dhcp6Last(), Optional.of(n));
        return keepReservations(fresh, n.ips6());
    }

    /** DHCP reservations survive a mode switch when the subnet stays. */
    private static List<NetworkIp> keepReservations(List<NetworkIp> fresh, List<NetworkIp> old) {
        return fresh.stream().map(ip -> old.stream().filter(o -> o.address().equals(ip.address())).findFirst()
                .map(o -> new NetworkIp(ip.address(), ip.dhcpRanges().isEmpty() ? o.dhcpRanges() : ip.dhcpRanges(),
                        o.dhcpHosts())).orElse(ip)).toList();
    }

    private Optional<DhcpRange> dhcp(NetworkIntent.CreateNetwork i) {
        if (i.dhcpFirst().isPresent() != i.dhcpLast().isPresent()) {
            throw new ChangeRefused("a DHCP range needs both its first and its last address");
        }
        return i.dhcpFirst().map(f -> new DhcpRange(Input.address(f, "the DHCP range's first address"),
                Input.address(i.dhcpLast().get(), "the DHCP range's last address")));
    }

    private VirtualNetwork network(String name) {
        return new Lookup(s).network(name);
    }
}
