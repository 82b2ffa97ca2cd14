package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.GuestPath;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.model.Id;
import dev.virtwire.model.Mac;
import dev.virtwire.model.fleet.LanSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hop between two hosts: the LAN segment their uplinks share. Evidence from both ends: each host's address
 * there, who answers ARP for the other end's address (probed), where each guest's bridge learnt the other end's
 * MAC, and the VLANs each trunk carries. It finds a guest's VLAN the other host's trunk does not carry, and,
 * when neither host's half explains it, an other end that does not answer on the segment.
 */
final class SegmentBetween {
    /** What was seen of the segment: its node text for the path, evidence, findings, and what was not checked. */
    record Segment(String node, List<String> evidence, List<FleetFinding> findings, List<String> unchecked) {
    }

    /** One end of the segment: a host's side, its guest's path there, and how that guest meets the LAN. */
    record End(PathAcrossHosts.Side side, GuestPath path, Entrance lan) {
        String host() {
            return side.host();
        }
    }

    private final End near;
    private final End far;
    private final List<String> evidence = new ArrayList<>();
    private final List<FleetFinding> findings = new ArrayList<>();
    private final List<String> unchecked = new ArrayList<>();

    private SegmentBetween(End near, End far) {
        this.near = near;
        this.far = far;
    }

    /** @param explained whether a host's half already blocks the path (then silence on the LAN is its symptom) */
    static Segment check(End near, End far, boolean explained) {
        return new SegmentBetween(near, far).check(explained);
    }

    private Segment check(boolean explained) {
        Optional<LanSegment.Uplink> a = LanSegment.of(near.side().snapshot());
        Optional<LanSegment.Uplink> b = LanSegment.of(far.side().snapshot());
        a.ifPresent(u -> evidence.add(near.host() + ": " + u.link() + " " + u.address() + " on the LAN "
                + u.segment().describe()));
        b.ifPresent(u -> evidence.add(far.host() + ": " + u.link() + " " + u.address() + " on the LAN "
                + u.segment().describe()));
        evidence.add(near.lan().how());
        evidence.add(far.lan().how());
        if (a.isEmpty() || b.isEmpty()) {
            unchecked.add("the LAN between " + near.host() + " and " + far.host() + ": " + (a.isEmpty() ? near.host()
                    : far.host()) + " has no IPv4 default route via a gateway on its own subnet");
            return new Segment("segment:unknown", evidence, findings, unchecked);
        }
        boolean shared = a.get().segment().equals(b.get().segment());
        if (!shared) {
            unchecked.add("what routes between " + near.host() + "'s LAN " + a.get().segment().describe() + " and "
                    + far.host() + "'s LAN " + b.get().segment().describe() + ": neither host sees it");
        }
        vlans(near, far);
        vlans(far, near);
        boolean nearHeard = arp(near, a.get(), far, shared);
        boolean farHeard = arp(far, b.get(), near, shared);
        forwarding(near, far);
        forwarding(far, near);
        if (!explained && findings.isEmpty() && (!nearHeard || !farHeard)) {
            End deaf = !nearHeard ? near : far;
            findings.add(new FleetFinding(FleetCatalog.NO_ANSWER_ON_LAN.id(), Severity.ERROR, "Nothing answers "
                    + deaf.host() + " on the LAN for " + (deaf == near ? far : near).host() + "'s end of the path, "
                    + "though neither host shows a cause", List.copyOf(evidence),
                    List.of(new FleetFinding.Place(deaf.host(), new Id.Link((deaf == near ? a : b).get().link()))),
                    List.of("check the LAN between the hosts: the switch ports, their VLANs, a firewall or "
                            + "port security on the switch")));
        }
        String node = shared ? "segment:" + a.get().segment().subnet()
                : "segment:" + a.get().segment().subnet() + ">" + b.get().segment().subnet();
        return new Segment(node, evidence, findings, unchecked);
    }

    /** A VLAN of this end's guest that its trunk carries tagged onto the LAN but the other end's trunk lacks. */
    private void vlans(End from, End to) {
        if (from.path().wiring() != GuestPath.Wiring.BRIDGED || to.path().wiring() != GuestPath.Wiring.BRIDGED) {
            return;
        }
        List<Integer> guestVlans = Trunks.ofNic(from.side().snapshot(), from.path().nic());
        List<Trunks.Trunk> outs = from.path().bridge().map(br -> Trunks.of(from.side().snapshot(), br))
                .orElse(List.of());
        List<Trunks.Trunk> ins = to.path().bridge().map(br -> Trunks.of(to.side().snapshot(), br)).orElse(List.of());
        outs.forEach(t -> evidence.add(t.describe(from.host())));
        if (guestVlans.isEmpty() || ins.isEmpty()) {
            return;
        }
        List<Integer> tagged = outs.isEmpty() ? guestVlans : Trunks.taggedOut(guestVlans, outs.get(0));
        for (int vlan : tagged) {
            List<Trunks.Trunk> lacking = ins.stream().filter(t -> !t.carries(vlan)).toList();
            if (lacking.size() == ins.size()) {
                List<String> lines = new ArrayList<>(List.of(from.host() + ": " + from.path().guest().name()
                        + " (NIC " + from.path().nic().mac() + ") is in VLAN " + vlan));
                outs.forEach(t -> lines.add(t.describe(from.host())));
                ins.forEach(t -> lines.add(t.describe(to.host())));
                Trunks.Trunk in = ins.get(0);
                findings.add(new FleetFinding(FleetCatalog.VLAN_MISSING_ON_HOST.id(), Severity.ERROR, "VLAN "
                        + vlan + " of " + from.path().guest().name() + " on " + from.host() + " is not carried by "
                        + to.host() + "'s trunk " + in.port(), lines,
                        List.of(new FleetFinding.Place(to.host(), new Id.Link(in.port()))),
                        List.of("on " + to.host() + ": bridge vlan add vid " + vlan + " dev " + in.port()
                                + " (and keep it: the host's network configuration)")));
            }
        }
    }

    /** Asks on this end's LAN link who has the other end's address there; whether someone answered. */
    private boolean arp(End from, LanSegment.Uplink lan, End to, boolean shared) {
        Optional<String> wanted = to.lan().address();
        if (wanted.isEmpty()) {
            unchecked.add(from.host() + ": who answers for " + to.host() + "'s end (" + to.lan().how()
                    + "): its address is not known");
            return true;
        }
        if (!shared || !lan.segment().holds(wanted.get())) {
            unchecked.add(from.host() + ": who answers for " + wanted.get() + " (not on " + from.host()
                    + "'s LAN " + lan.segment().describe() + ", so beyond a router)");
            return true;
        }
        Optional<ProbeRun> run = from.side().probes().arping(lan.link(), wanted.get());
        if (run.isEmpty()) {
            unchecked.add(from.host() + ": who answers ARP for " + wanted.get() + " on " + lan.link()
                    + " (not probed)");
            return true;
        }
        if (!run.get().ran()) {
            unchecked.add(from.host() + ": who answers ARP for " + wanted.get() + " on " + lan.link() + " (arping): "
                    + run.get().why());
            return true;
        }
        run.get().evidence().forEach(l -> evidence.add(from.host() + ": " + l));
        boolean answered = run.get().output().contains("reply from");
        String expected = to.lan().mac().map(Mac::normalize).orElse("");
        if (answered && !expected.isEmpty()
                && !run.get().output().toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT))) {
            evidence.add(from.host() + ": " + wanted.get() + " answered, but not from " + expected + " ("
                    + to.host() + "'s end): another device has that address");
        }
        return answered;
    }

    /** Where this end's bridge last saw the other end's MAC (a bridged guest's bridge only). */
    private void forwarding(End from, End to) {
        if (from.path().wiring() != GuestPath.Wiring.BRIDGED || from.path().bridge().isEmpty()
                || to.lan().mac().isEmpty()) {
            return;
        }
        String bridge = from.path().bridge().get();
        String mac = Mac.normalize(to.lan().mac().get());
        Optional<ProbeRun> run = from.side().probes().fdb(bridge);
        if (run.isEmpty()) {
            return;
        }
        List<String> seen = run.get().output().lines().map(String::strip)
                .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(mac.toLowerCase(Locale.ROOT))).toList();
        evidence.add(from.host() + ": $ " + run.get().command());
        evidence.add(from.host() + ": " + (seen.isEmpty() ? bridge + " has not learnt " + mac + " (" + to.host()
                + "'s end): no frame from it reached the bridge lately" : String.join("; ", seen)));
    }
}
