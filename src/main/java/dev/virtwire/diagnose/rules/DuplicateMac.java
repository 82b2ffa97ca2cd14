package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.FdbReads;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Guest;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Another NIC or device uses the guest's MAC: the bridge sends its frames to whichever spoke last. The
 * bridge's forwarding table shows it when the MAC was learnt on a port that is not the guest's tap, in any of
 * several reads across the diagnosis' probing seconds (the entry flaps between the two senders' ports).
 */
public final class DuplicateMac implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.DUPLICATE_MAC);
    }

    @Override
    public Optional<String> comparesEveryGuest() {
        return Optional.of("whether another guest has the same MAC");
    }

    /** A running guest's NIC shows on the host as its tap or macvtap; a shut-off guest's MAC is only in its XML. */
    @Override
    public Optional<String> comparesGuestsTheIndexLeavesOut() {
        return Optional.of("whether a shut-off guest has the same MAC");
    }

    @Override
    public List<Finding> check(Situation s) {
        String mac = s.nic().mac();
        List<Finding> out = new ArrayList<>();
        for (Guest other : s.snapshot().guests()) {
            other.nics().stream().filter(n -> n.mac().equals(mac) && !(other.name().equals(s.guestName())
                    && n == s.nic())).findFirst().ifPresent(n -> out.add(Finding.of(Catalog.DUPLICATE_MAC,
                            "Guest " + other.name() + " has the same MAC " + mac + " as " + s.guestName())
                    .withSeverity(other.isRunning() && s.path().guest().isRunning() ? Severity.ERROR
                            : Severity.WARNING)
                    .withEvidence("virsh domiflist " + other.name() + ": " + mac + " (" + other.state().json() + ")")
                    .withNodes(s.nicNode(), new Id.Nic(other.name(), mac))
                    .withSteps("give one of them a new MAC (virsh edit " + other.name() + ", change <mac address>)")));
        }
        for (Link link : s.snapshot().links()) {
            boolean own = s.nic().target().filter(link.name()::equals).isPresent();
            if (!own && link.mac().filter(mac::equals).isPresent()) {
                out.add(Finding.of(Catalog.DUPLICATE_MAC, "Host link " + link.name() + " has the same MAC " + mac
                                + " as " + s.guestName())
                        .withEvidence(LinkFacts.describe(link) + ", mac " + mac)
                        .withNodes(s.nicNode(), new Id.Link(link.name()))
                        .withSteps("change one of the two MACs"));
            }
        }
        learntElsewhere(s).ifPresent(out::add);
        return out;
    }

    /** Samples the forwarding table while the capture runs: a flapping MAC shows on the other port now and then. */
    @Override
    public void probeAhead(Situation s) {
        if (s.path().guest().isRunning() && s.path().tap().isPresent()) {
            s.path().bridge().ifPresent(bridge -> s.probes().ahead(p -> p.fdbReads(bridge)));
        }
    }

    private static Optional<Finding> learntElsewhere(Situation s) {
        Optional<String> bridge = s.path().bridge();
        Optional<String> tap = s.path().tap();
        if (bridge.isEmpty() || tap.isEmpty() || !s.path().guest().isRunning()) {
            return Optional.empty();
        }
        Optional<FdbReads> fdb = s.probes().fdbReads(bridge.get());
        if (fdb.isEmpty()) {
            return Optional.empty();
        }
        String mac = s.nic().mac();
        MacSightings seen = MacSightings.of(fdb.get(), mac, bridge.get());
        List<String> ports = seen.portsOtherThan(tap.get());
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        List<Id.Node> nodes = new ArrayList<>(List.of(s.nicNode()));
        ports.forEach(p -> nodes.add(new Id.Link(p)));
        String where = s.guestName() + "'s MAC " + mac + " on " + String.join(", ", ports);
        String title = seen.readsOn(tap.get()) > 0
                ? "Bridge " + bridge.get() + " learns " + where + " as well as on its tap " + tap.get()
                        + ": another device sends from the same MAC"
                : "Bridge " + bridge.get() + " sees " + where + ", not on its tap " + tap.get();
        List<String> evidence = new ArrayList<>();
        seen.told(s.guestName(), tap.get()).ifPresent(evidence::add);
        evidence.addAll(seen.evidenceElsewhere(tap.get()));
        Finding finding = Finding.of(Catalog.DUPLICATE_MAC, title)
                .withEvidence(evidence)
                .withNodes(nodes.toArray(Id.Node[]::new))
                .withSteps("find what is behind " + String.join(", ", ports) + " and give it (or the guest) another "
                        + "MAC");
        Optional<Fix> release = ports.size() == 1 ? ImpostorPort.release(s, bridge.get(), ports.get(0))
                : Optional.empty();
        return Optional.of(release.map(finding::withFix).orElse(finding));
    }
}
