package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.GuestPath;
import dev.virtwire.diagnose.Hop;
import dev.virtwire.diagnose.Probes;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts.FleetHop;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts.HostDiagnosis;
import dev.virtwire.host.exec.Background;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers "why can't web1 on kvm1 reach db1 on kvm2": the single-host walk on each host, each towards the address
 * the LAN knows the other end by, and between them the segment the hosts share as a hop of its own. The source's
 * half follows its traffic out; the target's half follows the replies out of the target, shown reversed.
 */
public final class PathAcrossHosts {
    private PathAcrossHosts() {
    }

    /** A host to walk on: its fleet name, what was read there, and the troubleshooter and probes that run there. */
    public record Side(String host, HostSnapshot snapshot, Troubleshooter troubleshooter, Probes probes) {
        public Side {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(troubleshooter, "troubleshooter");
            Objects.requireNonNull(probes, "probes");
        }

        Guest guest(String name) {
            return snapshot.guest(name).orElseThrow(() -> new IllegalArgumentException("there is no guest named '"
                    + name + "' on " + host + "; its guests: " + snapshot.guests().stream().map(Guest::name)
                    .toList()));
        }
    }

    /**
     * @param mac the source NIC to follow (default: the one that best carries this traffic)
     * @throws IllegalArgumentException when a guest or the MAC does not exist on its host
     */
    public static DiagnosisAcrossHosts diagnose(Side from, String guest, Optional<String> mac, Side to,
                                                String target) {
        from.guest(guest);
        Entrance into = Entrance.into(to.snapshot(), to.host(), to.guest(target));
        Destination towardsTarget = towards(into.address());
        GuestPath fromPath = from.troubleshooter().path(from.snapshot(), guest, mac, towardsTarget);
        Entrance outOf = Entrance.outOf(from.snapshot(), from.host(), fromPath);
        // each half probes its own host: both walked at once, so the slower half's probes set the time, not their sum
        CompletableFuture<Diagnosis> far = Background.start("virtwire-far-half", () -> to.troubleshooter()
                .diagnose(to.snapshot(), target, Optional.of(into.path().nic().mac()), towards(outOf.address())));
        Diagnosis there = from.troubleshooter().diagnose(from.snapshot(), guest, Optional.of(fromPath.nic().mac()),
                towardsTarget);
        Diagnosis back = Background.joined(far);
        boolean halvesBlock = blocks(there) || blocks(back);
        SegmentBetween.End asking = new SegmentBetween.End(from, fromPath, outOf);
        SegmentBetween.End asked = new SegmentBetween.End(to, into.path(), into);
        SegmentBetween.Segment segment = SegmentBetween.check(asking, asked, halvesBlock);
        List<FleetFinding> between = new ArrayList<>();
        List<String> unchecked = new ArrayList<>(segment.unchecked());
        into.hidden().ifPresent(why -> between.add(hidden(to.host(), into, why)));
        ForwardSourceExcluded.Result source = ForwardSourceExcluded.check(asking, asked);
        source.finding().ifPresent(between::add);
        source.unchecked().ifPresent(unchecked::add);
        heldNearer(from, fromPath, into, to).ifPresent(between::add);
        heldNearer(to, into.path(), outOf, from).ifPresent(between::add);
        between.addAll(segment.findings());

        List<FleetHop> ours = new ArrayList<>(hops(from.host(), there, fromPath));
        mark(ours, from.host(), between);
        List<FleetHop> theirs = new ArrayList<>(hops(to.host(), back, into.path()));
        mark(theirs, to.host(), between);
        Collections.reverse(theirs);
        // a finding between the hosts that marks no hop of either is about the segment itself
        Optional<String> segmentFinding = between.stream().filter(f -> f.places().stream()
                .noneMatch(p -> on(ours, p) || on(theirs, p))).map(FleetFinding::id).findFirst();
        List<FleetHop> path = new ArrayList<>(ours);
        path.add(new FleetHop(Optional.empty(), segment.node(), segmentFinding.isEmpty(), segmentFinding));
        path.addAll(theirs);

        boolean blocked = halvesBlock || between.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        Optional<Boolean> reachable = blocked ? Optional.of(false)
                : there.reachable().isEmpty() || back.reachable().isEmpty() || !unchecked.isEmpty()
                ? Optional.empty() : Optional.of(true);
        return new DiagnosisAcrossHosts(from.host() + ":" + guest, new Id.Guest(to.host() + ":" + target).text(),
                reachable,
                path, new HostDiagnosis(from.host(), there), new HostDiagnosis(to.host(), back), segment.evidence(),
                between, unchecked);
    }

    private static Destination towards(Optional<String> address) {
        return address.<Destination>map(Destination.Address::new).orElseGet(Destination::lan);
    }

    private static boolean blocks(Diagnosis d) {
        return d.reachable().filter(r -> !r).isPresent();
    }

    /**
     * One host's hops, without the outside (the segment stands for it), with the links the guest's traffic leaves
     * the host by even where the single-host walk stopped at the bridge (a target on the same segment).
     */
    private static List<FleetHop> hops(String host, Diagnosis half, GuestPath path) {
        List<FleetHop> out = new ArrayList<>();
        for (Hop hop : half.path()) {
            if (!(hop.nodeId() instanceof Id.Outside)) {
                out.add(new FleetHop(Optional.of(host), hop.nodeId().text(), hop.ok(), hop.findingId()));
            }
        }
        for (String uplink : path.uplinks()) {
            String node = new Id.Link(uplink).text();
            boolean walked = out.stream().anyMatch(h -> h.node().equals(node));
            if (!walked && path.wiring() != GuestPath.Wiring.HOST_STACK) {
                Optional<String> finding = half.findings().stream().filter(f -> f.nodes().contains(new Id.Link(uplink))
                        || f.symptoms().stream().anyMatch(s -> s.nodes().contains(new Id.Link(uplink))))
                        .map(dev.virtwire.diagnose.Finding::id).findFirst();
                out.add(new FleetHop(Optional.of(host), node, finding.isEmpty(), finding));
            }
        }
        return out;
    }

    /**
     * The far end's address held on this end's own host too (by another guest, or the host itself): the host
     * delivers the traffic there and it never reaches the other host. A clone's address, typically.
     */
    private static Optional<FleetFinding> heldNearer(Side near, GuestPath nearPath, Entrance far, Side farSide) {
        if (far.address().isEmpty()) {
            return Optional.empty();
        }
        String address = far.address().get();
        Optional<FleetFinding.Place> holder = near.snapshot().guests().stream()
                .filter(g -> !g.name().equals(nearPath.guest().name()) && g.isRunning())
                .flatMap(g -> g.nics().stream().filter(n -> n.addresses().stream().anyMatch(a -> bare(a.ip())
                        .equals(address))).map(n -> new FleetFinding.Place(near.host(), new Id.Nic(g.name(), n.mac()))))
                .findFirst()
                .or(() -> near.snapshot().links().stream().filter(l -> l.addresses().stream()
                        .anyMatch(a -> bare(a).equals(address)))
                        .map(l -> new FleetFinding.Place(near.host(), new Id.Link(l.name()))).findFirst());
        return holder.map(h -> new FleetFinding(FleetCatalog.DUPLICATE_IP.id(), Severity.ERROR, address + ", where "
                + farSide.host() + "'s end of the path is, is held on " + near.host() + " too (" + h.node().text()
                + "): " + near.host() + " keeps the traffic", List.of(far.how(), near.host() + ": " + h.node().text()
                + " has " + address), List.of(h), List.of("give one of them another address (a cloned guest keeps "
                + "its static address)")));
    }

    private static String bare(String address) {
        return dev.virtwire.model.Ipv4.tryParse(address).map(dev.virtwire.model.Ipv4::ip).orElse(address);
    }

    /** Marks the host's hops that a finding between hosts places there (a trunk lacking a VLAN). */
    private static void mark(List<FleetHop> hops, String host, List<FleetFinding> between) {
        for (int i = 0; i < hops.size(); i++) {
            FleetHop hop = hops.get(i);
            Optional<String> finding = between.stream().filter(f -> f.places().stream()
                    .anyMatch(p -> p.host().equals(host) && p.node().text().equals(hop.node())))
                    .map(FleetFinding::id).findFirst();
            if (hop.ok() && finding.isPresent()) {
                hops.set(i, new FleetHop(hop.host(), hop.node(), false, finding));
            }
        }
    }

    private static boolean on(List<FleetHop> hops, FleetFinding.Place place) {
        return hops.stream().anyMatch(h -> h.host().filter(place.host()::equals).isPresent()
                && h.node().equals(place.node().text()));
    }

    private static FleetFinding hidden(String host, Entrance into, String why) {
        String guest = into.path().guest().name();
        String network = into.path().network().map(n -> n.name()).orElse("its network");
        return new FleetFinding(FleetCatalog.GUEST_HIDDEN_FROM_LAN.id(), Severity.ERROR, guest + " on " + host
                + " cannot be reached from another host", List.of(why, into.how()),
                List.of(new FleetFinding.Place(host, into.path().network().<Id.Node>map(n -> new Id.Network(n.name()))
                        .orElse(new Id.Nic(guest, into.path().nic().mac())))),
                List.of("on " + host + ", bridge " + guest + " onto the LAN: virtwire attach " + guest + " --nic "
                        + into.path().nic().mac() + " --to bridge:BRIDGE",
                        "or, on " + host + ", forward a port to it: virtwire forward add tcp HOST-PORT "
                        + into.path().nic().addresses().stream().findFirst().map(a -> dev.virtwire.model.Ipv4.tryParse(a.ip()).map(dev.virtwire.model.Ipv4::ip).orElse(a.ip()))
                        .orElse("GUEST-IP") + ":PORT, and reach it at " + host + "'s LAN address"));
    }
}
