package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.Severity;
import dev.virtwire.model.Id;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedLink;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.LanSegment;
import dev.virtwire.model.fleet.OnTheLan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A libvirt network's DHCP server bridged onto a LAN segment where another DHCP server answers too: the LAN's own
 * (a host on the segment takes its address by DHCP, as its saved configuration says) or another libvirt network
 * bridged there, on this host or another. Clients then take whichever answers first. Decided from read facts
 * only: a segment is known by its subnet and gateway, so a network bridged onto a NIC that carries no address in
 * it is not counted.
 */
final class RogueDhcp {
    private RogueDhcp() {
    }

    private record Server(String host, OnTheLan.DhcpOnLan dhcp) {
        String describe() {
            return "libvirt network " + dhcp.network().name() + " on " + host + " (bridge " + dhcp.bridge()
                    + ", port " + dhcp.port() + " onto the LAN)";
        }
    }

    /** A host on the segment whose address there comes from a DHCP server of the LAN. */
    private record Leased(String host, String link, String profile) {
    }

    private static final class Segment {
        final List<Server> servers = new ArrayList<>();
        final List<Leased> leased = new ArrayList<>();
    }

    static List<FleetFinding> of(List<FleetHost.Up> fleet) {
        Map<LanSegment, Segment> segments = new LinkedHashMap<>();
        for (FleetHost.Up host : fleet) {
            Optional<LanSegment.Uplink> uplink = LanSegment.of(host.snapshot());
            if (uplink.isEmpty()) {
                continue;
            }
            Segment segment = segments.computeIfAbsent(uplink.get().segment(), k -> new Segment());
            OnTheLan.of(host.snapshot()).dhcpServers(uplink.get().segment())
                    .forEach(d -> segment.servers.add(new Server(host.name(), d)));
            host.snapshot().saved().owner(uplink.get().link())
                    .filter(saved -> saved.addresses().filter(SavedAddresses::dhcp).isPresent())
                    .ifPresent(saved -> segment.leased.add(new Leased(host.name(), saved.name(), describe(saved))));
        }
        List<FleetFinding> out = new ArrayList<>();
        segments.forEach((lan, segment) -> segment.servers.forEach(server -> finding(lan, segment, server)
                .ifPresent(out::add)));
        return out;
    }

    private static Optional<FleetFinding> finding(LanSegment lan, Segment segment, Server server) {
        List<String> others = new ArrayList<>();
        List<FleetFinding.Place> places = new ArrayList<>(List.of(new FleetFinding.Place(server.host(),
                new Id.Network(server.dhcp().network().name()))));
        for (Server other : segment.servers) {
            if (other != server) {
                others.add(other.describe());
                places.add(new FleetFinding.Place(other.host(), new Id.Network(other.dhcp().network().name())));
            }
        }
        for (Leased leased : segment.leased) {
            others.add("the LAN's own DHCP server: " + leased.host() + " takes its address on " + leased.link()
                    + " by DHCP (" + leased.profile() + ")");
        }
        if (others.isEmpty()) {
            return Optional.empty();
        }
        List<String> evidence = new ArrayList<>(List.of(server.describe() + " serves DHCP on the LAN "
                + lan.describe()));
        others.forEach(o -> evidence.add("also answering there: " + o));
        return Optional.of(new FleetFinding(FleetCatalog.ROGUE_DHCP.id(), Severity.ERROR, "Network "
                + server.dhcp().network().name() + " on " + server.host() + " hands out addresses on the LAN "
                + lan.describe() + ", where another DHCP server answers too", evidence, places,
                List.of("take port " + server.dhcp().port() + " off bridge " + server.dhcp().bridge() + " on "
                        + server.host() + " (a libvirt NAT or isolated network keeps its DHCP to its own bridge), "
                        + "or turn off the network's DHCP (virsh net-edit " + server.dhcp().network().name()
                        + ", remove <dhcp>)")));
    }

    private static String describe(SavedLink saved) {
        return saved.owner().json() + " " + saved.source();
    }
}
