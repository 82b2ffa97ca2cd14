package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.GuestPath;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.fleet.LanSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A guest behind NAT on the target host is reached only through its port forwards, and a forward limited by
 * source ({@code forward add --from}) lets in those sources only. The asking guest's connections reach the target
 * host from the address its traffic shows on the LAN (its host's, behind NAT; its own, bridged or routed). When no
 * forward to the target lets that address in, the path ends there; when some do, only their ports lead in.
 */
final class ForwardSourceExcluded {
    private ForwardSourceExcluded() {
    }

    /** What was found: a finding, or a line for what could not be checked. */
    record Result(Optional<FleetFinding> finding, Optional<String> unchecked) {
        static Result none() {
            return new Result(Optional.empty(), Optional.empty());
        }
    }

    /** A forward to the target with the sources it is for ("" for everyone). */
    private record Limited(PortForward forward, String from, Optional<String> zone) {
        boolean admits(String address) {
            return from.isEmpty() || Ipv4.parse(from).network().contains(Ipv4.parse(address));
        }

        /** A source Virtwire can compare: everyone, or one IPv4 address or network (not an nft set, say). */
        boolean comparable() {
            return from.isEmpty() || Ipv4.tryParse(from).isPresent();
        }

        String describe() {
            return forward.describe() + Entrance.fromOnly(from);
        }
    }

    /**
     * @param asking the source guest's end: its host and how its traffic shows on the LAN
     * @param target the target guest's end: its host and how the LAN gets in to it
     */
    static Result check(SegmentBetween.End asking, SegmentBetween.End target) {
        GuestPath path = target.path();
        if (target.lan().hidden().isPresent() || path.wiring() == GuestPath.Wiring.BRIDGED
                || path.wiring() == GuestPath.Wiring.MACVTAP) {
            return Result.none();
        }
        FirewallState fw = target.side().snapshot().firewall();
        List<Limited> forwards = Entrance.forwardsTo(target.side().snapshot(), path).stream()
                .map(f -> new Limited(f, PortForward.sourceOf(fw, f), FirewalldForwardPorts.in(fw).stream()
                        .filter(x -> x.forward().equals(f)).map(FirewalldForwardPorts.Found::zone).findFirst()))
                .toList();
        if (forwards.stream().allMatch(f -> f.from().isEmpty())) {
            return Result.none();
        }
        String who = asking.host() + ":" + asking.path().guest().name();
        String guest = path.guest().name();
        Optional<String> address = asking.lan().address();
        if (address.isEmpty()) {
            return new Result(Optional.empty(), Optional.of(target.host() + ": whether its port forwards to " + guest
                    + " for some sources only (" + describe(forwards) + ") let " + who + " in: the address its "
                    + "traffic comes from is not known (" + asking.lan().how() + ")"));
        }
        String from = address.get();
        List<Limited> unknown = forwards.stream().filter(f -> !f.comparable()).toList();
        List<Limited> refusing = forwards.stream().filter(f -> f.comparable() && !f.admits(from)).toList();
        List<Limited> admitting = forwards.stream().filter(f -> f.comparable() && f.admits(from)).toList();
        if (admitting.isEmpty() && !unknown.isEmpty()) {
            return new Result(Optional.empty(), Optional.of(target.host() + ": whether its port forwards to " + guest
                    + " " + describe(unknown) + " let " + who + " in (from " + from + "): a source Virtwire does not "
                    + "compare"));
        }
        if (refusing.isEmpty()) {
            return Result.none();
        }
        Optional<LanSegment> askingLan = LanSegment.of(asking.side().snapshot()).map(LanSegment.Uplink::segment);
        Optional<LanSegment> targetLan = LanSegment.of(target.side().snapshot()).map(LanSegment.Uplink::segment);
        if (askingLan.isEmpty() || !askingLan.equals(targetLan)) {
            return new Result(Optional.empty(), Optional.of(target.host() + ": whether " + who + "'s traffic, which "
                    + "leaves " + asking.host() + " from " + from + ", still comes from " + from + " past the routers "
                    + "between the LANs: " + target.host() + "'s port forwards to " + guest + " " + describe(refusing)
                    + " do not let " + from + " in"));
        }
        return new Result(Optional.of(finding(asking, target, from, refusing, admitting, targetLan.get())),
                Optional.empty());
    }

    private static FleetFinding finding(SegmentBetween.End asking, SegmentBetween.End target, String from,
                                        List<Limited> refusing, List<Limited> admitting, LanSegment lan) {
        String who = asking.host() + ":" + asking.path().guest().name();
        String guest = target.path().guest().name();
        FirewallState fw = target.side().snapshot().firewall();
        List<String> evidence = new ArrayList<>();
        for (Limited f : refusing) {
            evidence.add(target.host() + ": port forward " + f.describe() + ", " + madeBy(fw, f));
        }
        evidence.add(asking.lan().how());
        evidence.add(who + "'s connections reach " + target.host() + " from " + from + ", which "
                + (refusing.size() == 1 ? "is not in " + refusing.get(0).from() : "none of them lets in"));
        admitting.forEach(f -> evidence.add(target.host() + ": port forward " + f.describe() + " lets " + from
                + " in"));
        boolean blocks = admitting.isEmpty();
        String title = blocks
                ? target.host() + "'s port forward" + (refusing.size() == 1 ? " to " + guest + " is for "
                + refusing.get(0).from() + " only" : "s to " + guest + " are for other sources only") + ": " + who
                + "'s traffic comes from " + from
                : "Some of " + target.host() + "'s port forwards to " + guest + " are for other sources only: " + who
                + "'s traffic, from " + from + ", gets in by " + admitting.stream().map(f -> f.forward().protocol()
                + " " + f.forward().hostPort()).toList() + " only";
        Id.Node place = target.path().network().<Id.Node>map(n -> new Id.Network(n.name()))
                .orElse(new Id.Nic(guest, target.path().nic().mac()));
        return new FleetFinding(FleetCatalog.FORWARD_SOURCE_EXCLUDED.id(), blocks ? Severity.ERROR : Severity.WARNING,
                title, evidence, List.of(new FleetFinding.Place(target.host(), place)),
                refusing.stream().flatMap(f -> steps(asking, target.host(), from, f, lan).stream()).toList());
    }

    /** Where the forward's source is written: its DNAT rule, or firewalld's rich rule. */
    private static String madeBy(FirewallState fw, Limited f) {
        if (f.zone().isPresent()) {
            return "a rich rule in firewalld's " + f.zone().get() + " zone";
        }
        return fw.rules().stream().filter(r -> r.verdict().equals("DNAT")
                        && r.comment().filter(f.forward().comment()::equals).isPresent())
                .findFirst().map(r -> "its DNAT " + r.place() + ": " + r.text()).orElse("its DNAT rule");
    }

    /**
     * Honest ways in: a forward of its own for that address alone (another host port), or the forward widened to
     * the smallest network holding both sources, offered only when that network lies within the LAN the hosts
     * share (wider would let in the internet's addresses too). Never the forward opened to everyone.
     */
    private static List<String> steps(SegmentBetween.End asking, String host, String from, Limited f, LanSegment lan) {
        PortForward forward = f.forward();
        String spec = forward.protocol() + " %s " + forward.guestIp() + ":" + forward.guestPort();
        String zone = f.zone().map(z -> " --zone " + z).orElse("");
        boolean hostAddress = LanSegment.of(asking.side().snapshot()).map(u -> Ipv4.parse(u.address()).ip())
                .filter(from::equals).isPresent();
        List<String> steps = new ArrayList<>();
        steps.add("for " + forward.describe() + Entrance.fromOnly(f.from()) + " on " + host + ": a forward of its "
                + "own for " + from + " only, on a host port of your choosing: virtwire forward add "
                + spec.formatted("HOST-PORT") + zone + " --from " + from
                + (hostAddress ? " (" + from + " is " + asking.host() + "'s LAN address: " + asking.host()
                + " itself and every guest behind NAT there come from it)" : ""));
        Ipv4 wider = smallestHolding(Ipv4.parse(f.from()), Ipv4.parse(from));
        Ipv4 lanNet = Ipv4.parse(lan.subnet());
        String net = wider.network().toString();
        if (wider.prefix() >= lanNet.prefix() && lanNet.contains(wider)) {
            steps.add("or, on " + host + ", widen it to " + net + " (then every address in " + net + " gets in, not "
                    + "only " + f.from() + " and " + from + "): virtwire forward remove " + spec.formatted(
                    forward.hostPort()) + ", then virtwire forward add " + spec.formatted(forward.hostPort()) + zone
                    + " --from " + net);
        } else {
            steps.add("widening it is not offered: the smallest network holding both " + f.from() + " and " + from
                    + " is " + net + ", which reaches beyond the LAN " + lan.subnet());
        }
        return steps;
    }

    /** The smallest network that holds both. */
    static Ipv4 smallestHolding(Ipv4 a, Ipv4 b) {
        int prefix = Math.min(a.prefix(), b.prefix());
        while (prefix > 0 && !new Ipv4(a.address(), prefix).network().contains(b)) {
            prefix--;
        }
        return new Ipv4(a.address(), prefix).network();
    }

    private static String describe(List<Limited> forwards) {
        return String.join(", ", forwards.stream().map(Limited::describe).toList());
    }
}
