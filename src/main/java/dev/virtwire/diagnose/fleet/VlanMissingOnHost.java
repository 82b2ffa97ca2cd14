package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.Severity;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.LanSegment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A guest's VLAN that its host carries onto a shared LAN segment but another host on that segment does not: no
 * trunk of the other host's VLAN-filtering LAN bridges carries it. Guests of that VLAN on the two hosts cannot
 * meet, and the guest breaks if it moves there. A host whose LAN bridges do not filter VLANs carries every tag.
 */
final class VlanMissingOnHost {
    private VlanMissingOnHost() {
    }

    private record Tagged(FleetHost.Up host, Guest guest, GuestNic nic, int vlan, Trunks.Trunk out) {
    }

    static List<FleetFinding> of(List<FleetHost.Up> fleet) {
        List<FleetFinding> out = new ArrayList<>();
        for (FleetHost.Up host : fleet) {
            Optional<LanSegment> lan = LanSegment.of(host.snapshot()).map(LanSegment.Uplink::segment);
            if (lan.isEmpty()) {
                continue;
            }
            for (Tagged tagged : tagged(host)) {
                for (FleetHost.Up other : fleet) {
                    if (other == host || !LanSegment.of(other.snapshot()).map(LanSegment.Uplink::segment).equals(lan)) {
                        continue;
                    }
                    List<Trunks.Trunk> trunks = lanTrunks(other.snapshot());
                    if (!trunks.isEmpty() && trunks.stream().noneMatch(t -> t.carries(tagged.vlan()))) {
                        out.add(finding(tagged, other, trunks));
                    }
                }
            }
        }
        return out;
    }

    /** Each running bridged guest NIC's VLANs that leave its host tagged by a trunk that carries them. */
    private static List<Tagged> tagged(FleetHost.Up host) {
        HostSnapshot snapshot = host.snapshot();
        List<Tagged> out = new ArrayList<>();
        for (Guest guest : snapshot.guests()) {
            if (!guest.isRunning()) {
                continue;
            }
            for (GuestNic nic : guest.nics()) {
                Optional<String> bridge = nic.target().flatMap(snapshot::link).flatMap(Link::master);
                List<Trunks.Trunk> trunks = bridge.map(b -> Trunks.of(snapshot, b)).orElse(List.of());
                Set<Integer> vlans = new LinkedHashSet<>(Trunks.ofNic(snapshot, nic));
                for (int vlan : vlans) {
                    trunks.stream().filter(t -> t.carries(vlan) && Trunks.taggedOut(List.of(vlan), t).contains(vlan))
                            .findFirst().ifPresent(t -> out.add(new Tagged(host, guest, nic, vlan, t)));
                }
            }
        }
        return out;
    }

    /** The trunks of the host's VLAN-filtering bridges that lead onto the LAN. */
    private static List<Trunks.Trunk> lanTrunks(HostSnapshot host) {
        return Uplinks.of(host).lanBridges().stream().flatMap(b -> Trunks.of(host, b.name()).stream()).toList();
    }

    private static FleetFinding finding(Tagged tagged, FleetHost.Up other, List<Trunks.Trunk> trunks) {
        String host = tagged.host().name();
        List<String> evidence = new ArrayList<>(List.of(host + ": " + tagged.guest().name() + " (NIC "
                + tagged.nic().mac() + ") is in VLAN " + tagged.vlan(), tagged.out().describe(host)));
        trunks.forEach(t -> evidence.add(t.describe(other.name())));
        Trunks.Trunk first = trunks.get(0);
        return new FleetFinding(FleetCatalog.VLAN_MISSING_ON_HOST.id(), Severity.WARNING, "VLAN " + tagged.vlan()
                + " of " + tagged.guest().name() + " on " + host + " is not carried by " + other.name()
                + ", on the same LAN", evidence,
                List.of(new FleetFinding.Place(host, new Id.Nic(tagged.guest().name(), tagged.nic().mac())),
                        new FleetFinding.Place(other.name(), new Id.Link(first.port()))),
                List.of("on " + other.name() + ": bridge vlan add vid " + tagged.vlan() + " dev " + first.port()
                        + " (and keep it in the host's network configuration), if guests of VLAN " + tagged.vlan()
                        + " are to meet there or " + tagged.guest().name() + " may move there"));
    }
}
