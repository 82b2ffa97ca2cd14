package dev.virtwire.diagnose.fleet;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.Id;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedLink;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.LanSegment;
import dev.virtwire.model.fleet.OnTheLan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * @param reach       the host options that reach the host, for the commands a step suggests
     * @param hostsUplink whether the port onto the LAN carries the host's default route
     */
    private record Server(String host, SuggestedCommands reach, OnTheLan.DhcpOnLan dhcp, boolean hostsUplink) {
        String describe() {
            return "libvirt network " + dhcp.network().name() + " on " + host + " (bridge " + dhcp.bridge()
                    + ", port " + dhcp.port() + " onto the LAN)";
        }

        /** What its definition (the network's XML) hands out: its ranges, else its reservations. */
        String handsOut() {
            List<String> ranges = dhcp.network().ips().stream().flatMap(ip -> ip.dhcpRanges().stream())
                    .map(r -> r.first() + "-" + r.last()).toList();
            long reserved = dhcp.network().ips().stream().mapToLong(ip -> ip.dhcpHosts().size()).sum();
            return ranges.isEmpty() ? reserved + " reserved address" + (reserved == 1 ? "" : "es")
                    : String.join(", ", ranges);
        }
    }

    /** A host on the segment whose address there comes from a DHCP server of the LAN. */
    private record Leased(String host, String link, String profile) {
    }

    private static final class Segment {
        final List<Server> servers = new ArrayList<>();
        final List<Leased> leased = new ArrayList<>();
    }

    static List<FleetFinding> of(List<FleetHost.Up> fleet, Function<String, SuggestedCommands> reach) {
        Map<LanSegment, Segment> segments = new LinkedHashMap<>();
        for (FleetHost.Up host : fleet) {
            Optional<LanSegment.Uplink> uplink = LanSegment.of(host.snapshot());
            if (uplink.isEmpty()) {
                continue;
            }
            Segment segment = segments.computeIfAbsent(uplink.get().segment(), k -> new Segment());
            Uplinks uplinks = Uplinks.of(host.snapshot());
            OnTheLan.of(host.snapshot()).dhcpServers(uplink.get().segment()).forEach(d -> segment.servers.add(
                    new Server(host.name(), reach.apply(host.name()), d, host.snapshot().link(d.port())
                            .filter(uplinks::carriesDefaultRoute).isPresent())));
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
                + lan.describe() + ": its definition hands out " + server.handsOut()));
        others.forEach(o -> evidence.add("also answering there: " + o));
        FleetFinding found = new FleetFinding(FleetCatalog.ROGUE_DHCP.id(), Severity.ERROR, "Network "
                + server.dhcp().network().name() + " on " + server.host() + " hands out addresses on the LAN "
                + lan.describe() + ", where another DHCP server answers too", evidence, places, steps(server));
        return Optional.of(fix(server).map(found::withFix).orElse(found));
    }

    /**
     * The first step as one click, on the server's host: its port released from the network's bridge (undone by
     * adding it back). None where the port is the host's own way to the LAN: turning the network's DHCP off is
     * then the way, and no change of Virtwire's edits a network's DHCP service alone yet.
     */
    private static Optional<FleetFinding.HostFix> fix(Server server) {
        if (server.hostsUplink()) {
            return Optional.empty();
        }
        LinkIntent.SetLinkMaster release = new LinkIntent.SetLinkMaster(server.dhcp().port(), Optional.empty());
        return Optional.of(new FleetFinding.HostFix(server.host(), new Fix("Take port " + server.dhcp().port()
                + " off bridge " + server.dhcp().bridge() + " on " + server.host() + ": network "
                + server.dhcp().network().name() + " then hands out addresses to its own guests only", release)));
    }

    /**
     * Release the port when it is a cable of its own; when it is the host's own way to the LAN (it carries the
     * default route), releasing it would cut the host off, so the network's DHCP goes instead.
     */
    private static List<String> steps(Server server) {
        String dhcpOff = "turn off the network's DHCP on " + server.host() + " (virsh net-edit "
                + server.dhcp().network().name() + ", remove <dhcp>, then restart the network)";
        if (server.hostsUplink()) {
            return List.of(dhcpOff + ": port " + server.dhcp().port() + " is " + server.host()
                    + "'s own way to the LAN, so it stays on bridge " + server.dhcp().bridge());
        }
        return List.of("take port " + server.dhcp().port() + " off bridge " + server.dhcp().bridge() + " on "
                + server.host() + " (a libvirt NAT or isolated network keeps its DHCP to its own bridge): "
                + server.reach().line("bridge", "remove-port", server.dhcp().port()) + " (undo: "
                + server.reach().line("undo") + ")", "or " + dhcpOff);
    }

    private static String describe(SavedLink saved) {
        return saved.owner().json() + " " + saved.source();
    }
}
