package dev.virtwire.diagnose;

import dev.virtwire.diagnose.Situation.Reach;
import dev.virtwire.diagnose.rules.RuleSet;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Mac;
import dev.virtwire.model.Route;
import dev.virtwire.model.RunningGuestIndex;
import dev.virtwire.model.topology.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Answers "why can't this guest reach X": derives the guest NIC's expected path from the snapshot, runs
 * every rule along it and arranges the findings root cause first.
 */
public final class Troubleshooter {
    private final List<Rule> rules;
    /** the rules for IPv6 traffic (internet6, an IPv6 address) */
    private final List<Rule> rules6;
    private final Probes probes;
    private final List<Route> rememberedDefaults;
    private final SuggestedCommands suggested;
    /** The guests a read for a command about them held, when it left the others out. */
    private final Optional<Set<String>> guestsRead;

    /** These rules, for traffic of both families. */
    public Troubleshooter(List<Rule> rules, Probes probes) {
        this(rules, rules, probes, List.of(), SuggestedCommands.local(), Optional.empty());
    }

    private Troubleshooter(List<Rule> rules, List<Rule> rules6, Probes probes, List<Route> rememberedDefaults,
                           SuggestedCommands suggested, Optional<Set<String>> guestsRead) {
        this.rules = List.copyOf(rules);
        this.rules6 = List.copyOf(rules6);
        this.probes = probes;
        this.rememberedDefaults = List.copyOf(rememberedDefaults);
        this.suggested = suggested;
        this.guestsRead = guestsRead.map(Set::copyOf);
    }

    /** The same, knowing the default routes seen on this host earlier (to restore one the kernel dropped). */
    public Troubleshooter remembering(List<Route> defaultRoutes) {
        return new Troubleshooter(rules, rules6, probes, defaultRoutes, suggested, guestsRead);
    }

    /** The same, spelling the {@code virtwire} commands its steps suggest with the options that reach this host. */
    public Troubleshooter suggesting(SuggestedCommands commands) {
        return new Troubleshooter(rules, rules6, probes, rememberedDefaults, commands, guestsRead);
    }

    /**
     * The same, on snapshots read for a command about these guests: when a snapshot holds only them, what
     * rules compare with every other guest ({@link Rule#comparesEveryGuest}) is listed as not checked.
     */
    public Troubleshooter readingGuests(Set<String> guests) {
        return new Troubleshooter(rules, rules6, probes, rememberedDefaults, suggested, Optional.of(guests));
    }

    /**
     * The same, looking for one finding only: only the rules that can make it run, with the probes they need (a
     * fix's first look, which needs that finding and nothing else: the capture and the forwarding-table samples
     * take two seconds whether a rule asks for them or not). Its diagnoses hold no other finding, so their
     * reachability says nothing.
     */
    public Troubleshooter lookingFor(Catalog finding) {
        return new Troubleshooter(making(rules, finding), making(rules6, finding), probes, rememberedDefaults,
                suggested, guestsRead);
    }

    private static List<Rule> making(List<Rule> rules, Catalog finding) {
        return rules.stream().filter(r -> r.makes().contains(finding)).toList();
    }

    /** All rules, with the given probes. */
    public Troubleshooter(Probes probes) {
        this(RuleSet.all(), RuleSet.ipv6(), probes, List.of(), SuggestedCommands.local(), Optional.empty());
    }

    /** All rules on the snapshot alone (the demo host, badges). */
    public Troubleshooter() {
        this(Probes.none());
    }

    /**
     * Diagnoses one guest NIC (the one given, else the one most likely to carry this traffic).
     *
     * @throws IllegalArgumentException when the guest, the MAC or a guest destination does not exist
     */
    public Diagnosis diagnose(HostSnapshot snapshot, String guestName, Optional<String> mac, Destination destination) {
        return diagnose(snapshot, Topology.of(snapshot), guestName, mac, destination);
    }

    /**
     * The guest NIC's path a diagnosis would follow (the one given, else the one most likely to carry this traffic).
     *
     * @throws IllegalArgumentException when the guest or the MAC does not exist
     */
    public GuestPath path(HostSnapshot snapshot, String guestName, Optional<String> mac, Destination destination) {
        return pickNic(snapshot, guest(snapshot, guestName), mac, destination);
    }

    private static Guest guest(HostSnapshot snapshot, String guestName) {
        return snapshot.guest(guestName).orElseThrow(() -> new IllegalArgumentException(
                "there is no guest named '" + guestName + "'; guests: "
                        + snapshot.guests().stream().map(Guest::name).toList()));
    }

    /** @param topology the snapshot's graph, made once when many guests are diagnosed on one snapshot */
    private Diagnosis diagnose(HostSnapshot snapshot, Topology topology, String guestName, Optional<String> mac,
                               Destination destination) {
        Guest guest = guest(snapshot, guestName);
        GuestPath path = pickNic(snapshot, guest, mac, destination);
        TrafficTarget target = TrafficTarget.of(snapshot, path, destination);
        Situation situation = new Situation(snapshot, path, destination, probes.forOneDiagnosis(), target.reach(),
                target.address(), target.otherPath(), rememberedDefaults, suggested);
        if (path.wiring() == GuestPath.Wiring.OTHER) {
            situation.couldNotCheckBlocking("where a NIC of type " + path.nic().type().json() + " leads: the "
                    + "troubleshooter follows network, bridge and direct (macvtap) NICs");
        }
        List<Rule> checks = destination.ipv6() ? rules6 : rules;
        for (Rule rule : checks) {
            try {
                rule.probeAhead(situation);
            } catch (RuntimeException e) {
                // check() meets the same and says what it could not check
            }
        }
        List<Finding> found = new ArrayList<>();
        for (Rule rule : checks) {
            try {
                List<Finding> made = rule.check(situation);
                assert made.stream().allMatch(f -> rule.makes().contains(f.entry())) : rule.getClass().getSimpleName()
                        + " made a finding it does not declare (Rule.makes): " + made;
                found.addAll(made);
            } catch (RuntimeException e) {
                situation.couldNotCheck("the check " + rule.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
        notComparedWithOtherGuests(snapshot, guest).ifPresent(situation::couldNotCheck);
        if (destination instanceof Destination.Address a && leftOthersOut(snapshot)) {
            situation.couldNotCheck("whether " + a.ip() + " is another guest's address (the other guests were not "
                    + "read): it was taken for a machine beyond the guest's network");
        }
        List<Finding> arranged = CauseAndEffect.arrange(found);
        boolean blocked = arranged.stream().anyMatch(Finding::blocks);
        Optional<Boolean> reachable = blocked ? Optional.of(false)
                : situation.inDoubt() ? Optional.empty() : Optional.of(true);
        List<Hop> hops = PathHops.mark(PathHops.nodes(topology, situation), arranged);
        return new Diagnosis(guest.name(), destination.token(), reachable, hops, arranged, path.nic().mac(),
                situation.unchecked());
    }

    /** Whether this snapshot holds only the guests a command about them read. */
    private boolean leftOthersOut(HostSnapshot snapshot) {
        Set<String> held = snapshot.guests().stream().map(Guest::name).collect(Collectors.toSet());
        return guestsRead.filter(held::equals).isPresent();
    }

    /**
     * What the rules would have compared with guests this snapshot left out, in one line. A reader that leaves
     * guests out has compared them with every running guest through the host-wide index (and read everything when
     * one may clash: {@link dev.virtwire.host.HostReader#snapshotOfGuests}); a snapshot whose link table still
     * shows a clash was not read so, and then nothing of the other guests counts as compared.
     */
    private Optional<String> notComparedWithOtherGuests(HostSnapshot snapshot, Guest guest) {
        if (!leftOthersOut(snapshot)) {
            return Optional.empty();
        }
        Set<String> held = snapshot.guests().stream().map(Guest::name).collect(Collectors.toSet());
        List<String> clashes = RunningGuestIndex.of(snapshot).clashes(guest);
        List<String> what = rules.stream().flatMap(r -> (clashes.isEmpty() ? r.comparesGuestsTheIndexLeavesOut()
                : r.comparesEveryGuest()).stream()).toList();
        String index = clashes.isEmpty() ? "; running guests were compared through the host's link table, ARP "
                + "cache and DHCP leases" : "; " + String.join(", ", clashes);
        return what.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", what) + ": only "
                + String.join(", ", new TreeSet<>(held)) + " read (a command about "
                + (held.size() == 1 ? "one guest" : "these guests") + " leaves the host's other guests unread"
                + index + ")");
    }

    /**
     * Every running guest with its worst finding towards the LAN (empty when healthy), for badges. Findings
     * that are there by design (an isolated network has no outside) or only inform (a macvtap guest's address
     * the host cannot see) are not a guest in trouble.
     */
    public Map<String, Optional<Finding>> checkAll(HostSnapshot snapshot) {
        Troubleshooter quick = new Troubleshooter(rules, rules6, Probes.none(), List.of(), suggested, Optional.empty());
        Topology topology = Topology.of(snapshot);
        Map<String, Optional<Finding>> out = new LinkedHashMap<>();
        for (Guest guest : snapshot.guests()) {
            if (!guest.isRunning()) {
                continue;
            }
            Optional<Finding> worst = guest.nics().stream()
                    .map(nic -> quick.diagnose(snapshot, topology, guest.name(), Optional.of(nic.mac()),
                            Destination.lan()))
                    .flatMap(d -> d.findings().stream())
                    .filter(f -> !f.entry().blocksByDesign() && f.severity() != Severity.INFO)
                    .min(Comparator.comparing((Finding f) -> f.severity().ordinal())
                            .thenComparing(f -> f.entry().ordinal()));
            out.put(guest.name(), worst);
        }
        return out;
    }

    private static GuestPath pickNic(HostSnapshot snapshot, Guest guest, Optional<String> mac,
                                     Destination destination) {
        if (mac.isPresent()) {
            String wanted = Mac.normalize(mac.get());
            GuestNic nic = guest.nic(wanted).orElseThrow(() -> new IllegalArgumentException("guest '"
                    + guest.name() + "' has no NIC with MAC " + wanted + "; its NICs: "
                    + guest.nics().stream().map(GuestNic::mac).toList()));
            return GuestPath.of(snapshot, guest, nic);
        }
        if (guest.nics().isEmpty()) {
            throw new IllegalArgumentException("guest '" + guest.name() + "' has no network interface: add one "
                    + "before asking what it can reach");
        }
        List<GuestPath> paths = guest.nics().stream().map(n -> GuestPath.of(snapshot, guest, n)).toList();
        return paths.stream().min(Comparator.comparing(p -> fitness(snapshot, p, destination))).orElseThrow();
    }

    /** Lower is better: a NIC that can carry this traffic at all, then one that is nearer the target. */
    private static int fitness(HostSnapshot snapshot, GuestPath path, Destination destination) {
        Reach reach = TrafficTarget.of(snapshot, path, destination).reach();
        boolean isolated = path.mode().filter(m -> m == dev.virtwire.model.NetworkMode.ISOLATED).isPresent();
        if (reach == Reach.OUTSIDE && isolated) {
            return 3;
        }
        return reach == Reach.SAME_SEGMENT ? 0 : reach == Reach.OUTSIDE ? 2 : 1;
    }
}
