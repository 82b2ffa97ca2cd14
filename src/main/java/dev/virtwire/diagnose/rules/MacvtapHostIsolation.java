package dev.virtwire.diagnose.rules;

import dev.virtwire.change.Intent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.GuestPath;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.diagnose.Situation.Reach;
import dev.virtwire.host.Scope;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A macvtap guest cannot talk to its own host: frames from a macvtap go out of the host NIC, never up into
 * the host's stack; nor, in vepa or private mode, to another macvtap guest on the same NIC. When that is
 * what the user asks for, it is the root cause. The repair moves the NIC onto a Linux bridge proven to reach
 * the same LAN (see {@link SameSegment}); without one, the steps say how to make one.
 */
public final class MacvtapHostIsolation implements Rule {
    /** Modes in which two macvtaps on one NIC cannot reach each other (vepa needs a hairpin switch). */
    private static final Set<String> ISOLATING = Set.of("vepa", "private");

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().wiring() != Wiring.MACVTAP) {
            return List.of();
        }
        String lower = s.path().uplinks().stream().findFirst().orElse("its host NIC");
        Optional<GuestPath> sibling = s.otherPath().filter(o -> o.wiring() == Wiring.MACVTAP
                && o.uplinks().equals(s.path().uplinks())
                && (ISOLATING.contains(mode(s.path())) || ISOLATING.contains(mode(o))));
        boolean toHostStack = s.reach() == Reach.HOST || s.otherPath().filter(GuestPath::throughHostStack).isPresent();
        if (!toHostStack && sibling.isEmpty()) {
            return List.of();
        }
        String what = sibling.map(o -> o.guest().name() + " (macvtap on " + lower + " too, mode " + mode(o) + ")")
                .orElse("this host");
        Finding finding = Finding.of(Catalog.MACVTAP_HOST_ISOLATION, s.guestName() + " uses macvtap on " + lower
                        + ": by design it cannot reach " + what)
                .withEvidence(s.guestName() + "'s NIC " + s.nic().mac() + " is " + s.nic().type().json()
                        + " (macvtap, mode " + mode(s.path()) + ") on " + lower + ": its frames leave by " + lower
                        + " and never reach " + (sibling.isPresent() ? "a macvtap in mode vepa or private on it"
                        : "the host's own stack"))
                .withNodes(s.nicNode(), new Id.Link(lower));
        Optional<SameSegment.Proof> bridge = SameSegment.bridgeFor(s, lower);
        if (bridge.isPresent() && (s.reach() == Reach.HOST || sibling.isPresent())) {
            String br = bridge.get().bridge();
            return List.of(finding.withEvidence(bridge.get().evidence())
                    .withFix(new Fix("Move " + s.guestName() + "'s NIC " + s.nic().mac() + " from macvtap on " + lower
                            + " to bridge " + br + " (same LAN, and the host is reachable there)",
                            new Intent.AttachNic(s.guestName(), s.nic().mac(), NicType.BRIDGE, br, Scope.BOTH)))
                    .withSteps("the guest is unplugged and plugged again on " + br + " (it needs ACPI hotplug): "
                            + "it keeps its MAC and asks the LAN's DHCP server again"));
        }
        if (bridge.isEmpty()) {
            finding = finding.withEvidence("no Linux bridge on this host is known to reach " + lower + "'s LAN (none "
                    + "holds an address in its subnet, has a guest there, or has learnt its gateway's MAC)");
        }
        return List.of(finding.withSteps("bridge " + lower + " and move the NIC there; the kernel does not let a NIC with a macvtap "
                                + "on it join a bridge, so first shut off " + s.guestName() + " (or move its NIC to "
                                + "a NAT network for now): " + s.suggested().line("uplink", "bridge", lower,
                                "--bridge", "br-lan", "--confirm-within", "60") + ", then " + s.suggested().line(
                                "attach", s.guestName(), "--nic", s.nic().mac(), "--to", "bridge:br-lan"),
                        "or give the host a macvlan of its own: ip link add macvlan0 link " + lower
                                + " type macvlan mode bridge, and move the host's address there",
                        "or add a second NIC on a NAT or isolated network for guest-host traffic"));
    }

    private static String mode(GuestPath path) {
        return path.nic().directMode().or(() -> path.mode().map(m -> m.json())).orElse("vepa");
    }
}
