package dev.virtwire.diagnose.rules;

import dev.virtwire.change.GuestIntent;
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
 * the same LAN (see {@link SameSegment}); without one, it bridges the macvtap's own host NIC and moves the guest's
 * NIC there, in one change under a revert timer.
 */
public final class MacvtapHostIsolation implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.MACVTAP_HOST_ISOLATION);
    }

    @Override
    public Optional<String> comparesEveryGuest() {
        return Optional.of("which other guests share the macvtap NIC, or prove a bridge reaches its LAN");
    }

    /**
     * A guest the user names as the target is read with the guest; the host's ARP cache shows the addresses of
     * running guests behind a bridge's taps. A lease or an agent is per guest.
     */
    @Override
    public Optional<String> comparesGuestsTheIndexLeavesOut() {
        return Optional.of("whether a guest on a bridge proves it reaches the macvtap NIC's LAN by an address only "
                + "its guest agent reports");
    }
    /** Modes in which two macvtaps on one NIC cannot reach each other (vepa needs a hairpin switch). */
    private static final Set<String> ISOLATING = Set.of("vepa", "private");
    /** The revert timer of the one-click bridging (as the window's and the CLI's uplink bridging suggest). */
    private static final int CONFIRM_SECONDS = 60;

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
                            new GuestIntent.AttachNic(s.guestName(), s.nic().mac(), NicType.BRIDGE, br, Scope.BOTH)))
                    .withSteps("the guest is unplugged and plugged again on " + br + " (it needs ACPI hotplug): "
                            + "it keeps its MAC and asks the LAN's DHCP server again"));
        }
        if (bridge.isPresent()) {
            return List.of(finding.withSteps(otherWays(s, lower)));
        }
        finding = finding.withEvidence("no Linux bridge on this host is known to reach " + lower + "'s LAN (none "
                + "holds an address in its subnet, has a guest there, or has learnt its gateway's MAC)");
        if (sibling.isPresent() || s.path().uplinks().isEmpty()) {
            // the other guest's macvtap stays on the NIC, and the kernel does not bridge a NIC with one on it
            return List.of(finding.withSteps(otherWays(s, lower)));
        }
        String br = newBridgeName(s, lower);
        return List.of(finding.withFix(new Fix("Bridge " + lower + " into a new bridge " + br + " and move "
                        + s.guestName() + "'s NIC " + s.nic().mac() + " there from macvtap, in one undoable change "
                        + "(confirm within " + CONFIRM_SECONDS + " s, or the host takes the bridging back)",
                        new GuestIntent.MacvtapToNewBridge(s.guestName(), s.nic().mac(), br, CONFIRM_SECONDS)))
                .withSteps("the NIC leaves macvtap first (the kernel does not bridge a NIC with a macvtap on it): "
                        + "the guest is unplugged and plugged again on " + br + " (it needs ACPI hotplug), keeps its "
                        + "MAC and asks the LAN's DHCP server again; then " + lower + "'s addresses, routes and MAC "
                        + "move to " + br + " under a revert timer")
                .withSteps(otherWays(s, lower)));
    }

    /** By hand: bridge the NIC, or give the host its own way onto the LAN, or the guest a second NIC. */
    private static String[] otherWays(Situation s, String lower) {
        return new String[] {"bridge " + lower + " and move the NIC there; the kernel does not let a NIC with a "
                        + "macvtap on it join a bridge, so first shut off " + s.guestName() + " (or move its NIC to "
                        + "a NAT network for now): " + s.suggested().line("uplink", "bridge", lower, "--bridge", "br-lan",
                        "--confirm-within", String.valueOf(CONFIRM_SECONDS)) + ", then " + s.suggested().line("attach", s.guestName(), "--nic",
                        s.nic().mac(), "--to", "bridge:br-lan"),
                "or give the host a macvlan of its own: ip link add macvlan0 link " + lower
                        + " type macvlan mode bridge, and move the host's address there",
                "or add a second NIC on a NAT or isolated network for guest-host traffic"};
    }

    /** "br-eth0", or br-lan, br-lan1 ... when that name is taken or too long for a link. */
    private static String newBridgeName(Situation s, String nic) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("br-" + nic, "br-lan"),
                        java.util.stream.IntStream.rangeClosed(1, 99).mapToObj(n -> "br-lan" + n))
                .filter(n -> n.length() <= 15 && s.link(n).isEmpty()).findFirst().orElse("br-lan100");
    }

    private static String mode(GuestPath path) {
        return path.nic().directMode().or(() -> path.mode().map(m -> m.json())).orElse("vepa");
    }
}
