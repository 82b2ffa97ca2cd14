package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.Severity;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.LanSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two hosts on one LAN whose libvirt networks overlap where traffic is routed between them: one host's routed
 * (or open) network, which the LAN reaches by routing, overlaps a network of the other; or one host routes to the
 * other's network while a network of its own overlaps it. Each then takes the other's addresses for its own.
 * Two NAT networks on the same subnet behind two hosts (libvirt's default everywhere) are fine: nothing routes
 * to them.
 */
final class SubnetOverlapAcrossHosts {
    private SubnetOverlapAcrossHosts() {
    }

    private record Net(FleetHost.Up host, VirtualNetwork network, Ipv4 subnet, LanSegment lan, String lanAddress) {
        boolean routedFromLan() {
            return network.mode() == NetworkMode.ROUTE || network.mode() == NetworkMode.OPEN;
        }

        /** Whether this net's host has a route to {@code other}'s subnet via the other's host. */
        boolean routesTo(Net other) {
            return host.snapshot().routes().stream().filter(r -> !r.isDefault())
                    .filter(r -> r.gateway().filter(other.lanAddress()::equals).isPresent())
                    .flatMap(r -> Ipv4.tryParse(r.destination()).stream()).anyMatch(d -> d.overlaps(other.subnet()));
        }

        String describe() {
            return host.name() + ": network " + network.name() + " (" + network.mode().json() + ") on " + subnet;
        }
    }

    static List<FleetFinding> of(List<FleetHost.Up> fleet) {
        List<Net> nets = new ArrayList<>();
        for (FleetHost.Up host : fleet) {
            Optional<LanSegment.Uplink> lan = LanSegment.of(host.snapshot());
            lan.ifPresent(u -> nets.addAll(networks(host, u)));
        }
        List<FleetFinding> out = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            for (int j = i + 1; j < nets.size(); j++) {
                Net a = nets.get(i);
                Net b = nets.get(j);
                if (a.host() != b.host() && a.lan().equals(b.lan()) && a.subnet().overlaps(b.subnet())) {
                    why(a, b).ifPresent(why -> out.add(finding(a, b, why)));
                }
            }
        }
        return out;
    }

    private static Optional<String> why(Net a, Net b) {
        if (a.routedFromLan() || b.routedFromLan()) {
            Net routed = a.routedFromLan() ? a : b;
            return Optional.of("the LAN reaches " + routed.host().name() + "'s network " + routed.network().name()
                    + " by routing, and " + (routed == a ? b : a).host().name() + " has the same addresses on a network "
                    + "of its own");
        }
        if (a.routesTo(b) || b.routesTo(a)) {
            Net router = a.routesTo(b) ? a : b;
            Net target = router == a ? b : a;
            return Optional.of(router.host().name() + " routes " + target.subnet() + " to " + target.host().name()
                    + " (" + target.lanAddress() + "), but its own network " + router.network().name()
                    + " holds those addresses");
        }
        return Optional.empty();
    }

    private static FleetFinding finding(Net a, Net b, String why) {
        return new FleetFinding(FleetCatalog.SUBNET_OVERLAP.id(), Severity.ERROR, "Network " + a.network().name()
                + " on " + a.host().name() + " and network " + b.network().name() + " on " + b.host().name()
                + " overlap (" + a.subnet() + ", " + b.subnet() + ") where traffic is routed between the hosts",
                List.of(a.describe(), b.describe(), why),
                List.of(new FleetFinding.Place(a.host().name(), new Id.Network(a.network().name())),
                        new FleetFinding.Place(b.host().name(), new Id.Network(b.network().name()))),
                List.of("give one of the networks a subnet of its own (on " + b.host().name() + ": virsh net-edit "
                        + b.network().name() + ", change its <ip> address and DHCP range, then net-destroy and "
                        + "net-start it); its guests take new leases when they renew, and a guest with a static "
                        + "address there needs a new one, so there is no one-click fix"));
    }

    private static List<Net> networks(FleetHost.Up host, LanSegment.Uplink lan) {
        HostSnapshot snapshot = host.snapshot();
        String address = Ipv4.parse(lan.address()).ip();
        List<Net> out = new ArrayList<>();
        for (VirtualNetwork network : snapshot.networks()) {
            if (!network.active() || network.mode().isDirect() || network.mode() == NetworkMode.ISOLATED
                    || network.mode() == NetworkMode.BRIDGE || network.mode() == NetworkMode.HOSTDEV) {
                continue;
            }
            network.ips().stream().flatMap(ip -> Ipv4.tryParse(ip.address()).stream()).findFirst()
                    .ifPresent(ip -> out.add(new Net(host, network, ip.network(), lan.segment(), address)));
        }
        return out;
    }
}
