package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Capture;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The guest uses an address outside the subnet of the network it is plugged into. */
public final class GuestIpWrongSubnet implements ReadsCapture {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.GUEST_IP_WRONG_SUBNET);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().subnet().isEmpty() || !s.path().guest().isRunning()) {
            return List.of();
        }
        Ipv4 subnet = s.path().subnet().get();
        List<String> evidence = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (GuestAddress address : s.nic().addresses()) {
            Optional<Ipv4> ip = Ipv4.tryParse(address.ip());
            if (ip.isPresent() && !subnet.contains(ip.get())) {
                wrong.add(ip.get().ip());
                evidence.add(s.guestName() + " has " + address.ip() + " (from " + address.origin().json() + ")");
            }
        }
        Optional<Capture> capture = s.capture();
        if (capture.isPresent()) {
            for (String source : capture.get().sourceAddresses()) {
                if (Ipv4.tryParse(source).filter(ip -> !subnet.contains(ip)).isPresent() && !wrong.contains(source)) {
                    wrong.add(source);
                }
            }
            if (!wrong.isEmpty()) {
                evidence.add(capture.get().summary());
                evidence.addAll(capture.get().run().evidence());
            }
        }
        if (wrong.isEmpty()) {
            return List.of();
        }
        String gateway = s.path().throughHostStack() ? " and gateway " + subnet.ip()
                : s.lanGateway().map(g -> " and gateway " + g).orElse("");
        return List.of(Finding.of(Catalog.GUEST_IP_WRONG_SUBNET, s.guestName() + " uses " + String.join(", ", wrong)
                        + ", outside " + subnet.network() + " where its NIC is plugged in")
                .withEvidence(evidence)
                .withEvidence("the " + s.path().network().map(n -> "network '" + n.name() + "'")
                        .or(() -> s.path().bridge().map(b -> "bridge " + b)).orElse("segment") + " is "
                        + subnet.network())
                .withNodes(s.nicNode())
                .withSteps("inside the guest: use DHCP on this NIC, or set an address in " + subnet.network()
                        + gateway));
    }
}
