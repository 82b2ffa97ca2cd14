package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Capture;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.NetworkIp;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A running guest's NIC has no address at all: no lease, no agent report, no ARP entry. Not for a macvtap
 * NIC: the LAN leases its address, and the host has no lease table to look in.
 */
public final class NoDhcpLease implements ReadsCapture {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.NO_DHCP_LEASE);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.path().guest().isRunning() || s.path().wiring() == Wiring.OTHER || !s.guestAddresses().isEmpty()) {
            return List.of();
        }
        if (s.path().wiring() == Wiring.MACVTAP) {
            return List.of(); // its DHCP is served on the LAN, out of the host's sight: macvtap-address-unseen
        }
        boolean networkHasDhcp = s.path().network().map(n -> n.ips().stream().anyMatch(NetworkIp::hasDhcp))
                .orElse(false);
        if (s.path().throughHostStack() && !networkHasDhcp) {
            return List.of(); // nobody would hand out a lease: dhcp-server-missing says so
        }
        Finding finding = Finding.of(Catalog.NO_DHCP_LEASE, s.guestName() + "'s NIC " + s.nic().mac()
                        + " has no IP address")
                .withEvidence("virsh domifaddr " + s.guestName() + " (lease table, guest agent, ARP): no address for "
                        + s.nic().mac())
                .withNodes(s.nicNode());
        if (s.path().throughHostStack()) {
            String network = s.path().network().get().name();
            Optional<dev.virtwire.diagnose.ProbeRun> leases = s.probes().leases(network);
            if (leases.isPresent()) {
                finding = finding.withEvidence(leases.get().evidence());
            }
        }
        Optional<Capture> capture = s.capture();
        if (capture.isPresent()) {
            finding = finding.withEvidence(capture.get().summary());
            if (!capture.get().sourceAddresses().isEmpty()) {
                finding = finding.withEvidence("the guest does use an address: it is set statically, not leased");
            }
        }
        return List.of(finding.withSteps("inside the guest: check that its DHCP client runs on this NIC "
                        + "(e.g. dhclient -v, or networkctl status)",
                "from the host, watch for its requests: tcpdump -n -e -i " + s.path().tap().orElse("TAP")
                        + " port 67 or port 68"));
    }
}
