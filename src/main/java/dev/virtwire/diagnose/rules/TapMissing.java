package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import java.util.List;
import java.util.Set;

/** A running guest's NIC has no host-side device (tap or macvtap): its frames go nowhere. */
public final class TapMissing implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.TAP_MISSING);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.path().guest().isRunning() || s.path().wiring() == Wiring.OTHER) {
            return List.of();
        }
        String name = s.guestName();
        String mac = s.nic().mac();
        if (s.nic().target().isEmpty()) {
            return List.of(finding(s, "libvirt names no host device for " + name + "'s NIC " + mac
                    + " (virsh domiflist " + name + ": target '-')"));
        }
        String tap = s.nic().target().get();
        if (s.link(tap).isEmpty()) {
            return List.of(finding(s, "virsh domiflist " + name + ": NIC " + mac + " uses " + tap,
                    "ip link show " + tap + ": no such device on the host"));
        }
        return List.of();
    }

    private static Finding finding(Situation s, String... evidence) {
        String name = s.guestName();
        return Finding.of(Catalog.TAP_MISSING, name + "'s NIC " + s.nic().mac() + " has no device on the host")
                .withEvidence(evidence)
                .withNodes(s.nicNode())
                .withSteps("unplug and plug the NIC again: virsh detach-interface " + name + " "
                                + s.nic().type().json() + " --mac " + s.nic().mac() + " --live, then virsh "
                                + "attach-device " + name + " NIC.xml --live",
                        "or restart the guest: virsh shutdown " + name + " && virsh start " + name);
    }
}
