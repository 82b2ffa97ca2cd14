package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Capture;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Ipv4;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The guest sends traffic for the outside to the wrong gateway. Only a capture shows whom it asks for
 * (ARP), so without probes this is noted as not checked.
 */
public final class GuestGatewayWrong implements ReadsCapture {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.GUEST_GATEWAY_WRONG);
    }

    @Override
    public Optional<String> comparesEveryGuest() {
        return Optional.of("whether a gateway the guest asks for is another guest's address");
    }

    /**
     * The host's ARP cache and the networks' leases show the addresses running guests use; an agent is per guest.
     */
    @Override
    public Optional<String> comparesGuestsTheIndexLeavesOut() {
        return Optional.of("whether a gateway the guest asks for is an address another guest reports through its "
                + "guest agent alone");
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.goesOutside() || !s.path().guest().isRunning() || s.path().subnet().isEmpty()) {
            return List.of();
        }
        Optional<String> expected = s.path().throughHostStack() ? Optional.of(s.path().subnet().get().ip())
                : s.lanGateway();
        if (expected.isEmpty()) {
            return List.of();
        }
        Optional<Capture> capture = s.capture();
        if (capture.isEmpty()) {
            s.couldNotCheck("which gateway " + s.guestName() + " uses (needs a capture on its tap)");
            return List.of();
        }
        Ipv4 subnet = s.path().subnet().get();
        // off-subnet ARP targets belong to a wrong address (guest-ip-wrong-subnet), not a wrong gateway
        List<String> others = capture.get().arpTargets().stream()
                .filter(t -> !t.equals(expected.get()))
                .filter(t -> Ipv4.tryParse(t).filter(subnet::contains).isPresent())
                .filter(t -> !knownNeighbour(s, t)).toList();
        if (others.isEmpty() || capture.get().arpTargets().contains(expected.get())) {
            return List.of();
        }
        s.couldNotCheckBlocking("whether " + s.guestName() + " has a route out at all: it never asked for "
                + expected.get() + " while listening");
        return List.of(Finding.of(Catalog.GUEST_GATEWAY_WRONG, s.guestName() + " looks for gateway "
                        + String.join(", ", others) + " instead of " + expected.get())
                .withEvidence(capture.get().summary())
                .withEvidence(capture.get().run().evidence())
                .withNodes(s.nicNode())
                .withSteps("inside the guest: ip route replace default via " + expected.get()));
    }

    /** Another guest's address: of a guest read, or of a running one as the host's ARP cache shows it. */
    private static boolean knownNeighbour(Situation s, String ip) {
        return s.snapshot().guests().stream().flatMap(g -> g.nics().stream()).flatMap(n -> n.addresses().stream())
                .anyMatch(a -> Ipv4.tryParse(a.ip()).map(Ipv4::ip).filter(ip::equals).isPresent())
                || s.runningGuestAddresses().stream().anyMatch(a -> a.ip().equals(ip));
    }
}
