package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Capture;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Situation;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A macvtap guest takes its address from the LAN's DHCP server, which the host neither runs nor sees in
 * libvirt's lease table: no known address is no fault. The host looks where it can see the guest's traffic,
 * a capture on the macvtap device (its DHCP exchange, its ARP, its packets); when that shows no address
 * either, it says so, as information.
 */
public final class MacvtapAddressUnseen implements ReadsCapture {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.MACVTAP_ADDRESS_UNSEEN);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().wiring() != Wiring.MACVTAP || !s.path().guest().isRunning() || !s.guestAddresses().isEmpty()) {
            return List.of();
        }
        Optional<Capture> capture = s.capture();
        if (capture.filter(c -> !c.sourceAddresses().isEmpty()).isPresent()) {
            return List.of(); // the guest uses an address: seen on its macvtap
        }
        String device = s.path().tap().orElse("MACVTAP");
        String lower = s.path().uplinks().stream().findFirst().orElse("its host NIC");
        Finding finding = Finding.of(Catalog.MACVTAP_ADDRESS_UNSEEN, s.guestName() + "'s address is not visible "
                        + "from the host (macvtap on " + lower + ": the LAN's DHCP server leases it)")
                .withEvidence("virsh domifaddr " + s.guestName() + ": no address for " + s.nic().mac()
                        + " (libvirt has no lease table for a macvtap NIC)")
                .withNodes(s.nicNode());
        finding = capture.isPresent()
                ? finding.withEvidence(capture.get().run().evidence()).withEvidence(capture.get().summary())
                : finding.withEvidence("no capture on " + device + (s.probes().active() ? " (it could not run)"
                        : " (probes are off)") + ": the guest's own traffic was not looked at");
        return List.of(finding.withSteps("look for " + s.nic().mac() + " in the leases of the LAN's DHCP server "
                        + "(the router)",
                "watch the guest's traffic on its macvtap: tcpdump -n -e -i " + device + " ether host " + s.nic().mac(),
                "inside the guest: ip addr (is its DHCP client running on this NIC?)"));
    }
}
