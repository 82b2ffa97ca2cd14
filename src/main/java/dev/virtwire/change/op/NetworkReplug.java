package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-plugs running guests' taps after their network was (re)started: libvirt leaves them outside the new
 * bridge, and the guests lose the network until re-attached. The taps and the bridge are named when the step
 * is planned, so the preview and the script show the very {@code ip link set} commands that run.
 */
public final class NetworkReplug {
    private NetworkReplug() {
    }

    /** The running guests' NICs on this network, with their taps. */
    public static List<GuestTap> nicsOn(HostSnapshot s, String network) {
        return s.guests().stream().filter(Guest::isRunning).flatMap(g -> g.nics().stream()
                .filter(n -> n.type() == NicType.NETWORK && n.source().filter(network::equals).isPresent()
                        && n.target().isPresent())
                .map(n -> new GuestTap(new Id.Nic(g.name(), n.mac()), n.target()))).toList();
    }

    /**
     * Those of {@link #nicsOn} whose tap is a port of the network's bridge now: a restart must leave them so.
     * A tap that is off the bridge already stays off (a restart is no time to change it silently).
     */
    public static List<GuestTap> pluggedInto(HostSnapshot s, String network) {
        Optional<String> bridge = s.network(network).flatMap(n -> n.bridge());
        return nicsOn(s, network).stream().filter(t -> bridge.isEmpty()
                || t.tap().flatMap(s::link).flatMap(l -> l.master()).equals(bridge)).toList();
    }

    /** The step's subjects: the network, and the taps it plugs back in (their guests and the link table). */
    static List<Id> subjects(String network, List<GuestTap> replug) {
        List<Id> subjects = new ArrayList<>(List.of(new Id.Network(network)));
        replug.forEach(t -> subjects.add(new Id.Tap(t.nic().guest(), t.nic().mac())));
        return subjects;
    }

    /**
     * The taps going back into the bridge, as the host runs them. (virsh update-device with the unchanged
     * interface would not do it: libvirt sees nothing to change.)
     */
    static List<HostCommand> commands(Optional<String> bridge, List<GuestTap> replug) {
        return bridge.map(b -> replug.stream().flatMap(t -> t.tap().stream())
                .<HostCommand>map(tap -> new HostCommand.Run(IpCommands.setMaster(tap, Optional.of(b)))).toList())
                .orElse(List.of());
    }

    /**
     * The re-plugs of a journal written before taps and bridges were named: only the host can say which when
     * they run, so the preview names them in words.
     */
    static List<String> unnamed(String network, Optional<String> bridge, List<GuestTap> replug) {
        return replug.stream().filter(t -> t.tap().isEmpty() || bridge.isEmpty())
                .map(t -> "ip link set dev " + t.tap().orElse("<tap of " + t.nic().guest() + "/" + t.nic().mac() + ">")
                        + " master " + bridge.orElse("<bridge of " + network + ">"))
                .toList();
    }

    /**
     * Plugs each tap into the bridge: the planned tap while it is still the NIC's; the NIC's tap now when the
     * guest was started again since (or the journal named none); nothing for a guest that no longer runs.
     */
    static void apply(Host host, String network, Optional<String> bridge, List<GuestTap> replug) {
        HostSnapshot now = host.snapshot();
        Optional<String> into = bridge.or(() -> now.network(network).flatMap(n -> n.bridge())
                .filter(b -> now.link(b).isPresent())); // none: a macvtap network, its devices hang off the NIC
        if (into.isEmpty()) {
            return;
        }
        for (GuestTap planned : replug) {
            Optional<String> tap = tapNow(now, planned.nic());
            boolean asPlanned = bridge.isPresent() && tap.isPresent() && tap.equals(planned.tap());
            if (asPlanned || tap.isPresent() && !now.link(tap.get()).flatMap(l -> l.master()).equals(into)) {
                host.kernel().setLinkMaster(tap.get(), into);
            }
        }
    }

    static Optional<String> unverified(HostSnapshot after, String network, Optional<String> bridge,
                                       List<GuestTap> replug) {
        Optional<String> into = bridge.or(() -> after.network(network).flatMap(n -> n.bridge()));
        if (into.isEmpty()) {
            return Optional.empty();
        }
        for (GuestTap planned : replug) {
            Optional<String> tap = tapNow(after, planned.nic());
            if (tap.isPresent() && !after.link(tap.get()).flatMap(l -> l.master()).equals(into)) {
                return Optional.of(planned.nic().guest() + "'s tap " + tap.get() + " is not on " + into.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> tapNow(HostSnapshot s, Id.Nic nic) {
        return s.guest(nic.guest()).filter(Guest::isRunning).flatMap(g -> g.nic(nic.mac()))
                .flatMap(GuestNic::target).filter(t -> s.link(t).isPresent());
    }
}
