package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Optional;

/**
 * Re-plugs running guests' NICs after their network was (re)started: libvirt leaves their taps outside the
 * new bridge, and the guests lose the network until re-attached.
 */
public final class NetworkReplug {
    private NetworkReplug() {
    }

    /** The running guests' NICs on this network, as "guest/MAC". */
    public static List<String> nicsOn(HostSnapshot s, String network) {
        return s.guests().stream().filter(Guest::isRunning).flatMap(g -> g.nics().stream()
                .filter(n -> n.type() == NicType.NETWORK && n.source().filter(network::equals).isPresent()
                        && n.target().isPresent())
                .map(n -> g.name() + "/" + n.mac())).toList();
    }

    /**
     * Those of {@link #nicsOn} whose tap is a port of the network's bridge now: a restart must leave them so.
     * A tap that is off the bridge already stays off (a restart is no time to change it silently).
     */
    public static List<String> pluggedInto(HostSnapshot s, String network) {
        Optional<String> bridge = s.network(network).flatMap(n -> n.bridge());
        return nicsOn(s, network).stream().filter(id -> s.guest(guest(id)).flatMap(g -> g.nic(mac(id)))
                .flatMap(GuestNic::target).flatMap(s::link).flatMap(l -> l.master()).equals(bridge)
                || bridge.isEmpty()).toList();
    }

    /** The step's subjects: the network, and the taps it plugs back in (their guests and the link table). */
    static List<String> subjects(String network, List<String> replug) {
        List<String> subjects = new java.util.ArrayList<>(List.of("network:" + network));
        replug.forEach(id -> subjects.add("tap:" + id));
        return subjects;
    }

    /**
     * As commands: the tap goes back into the bridge. (virsh update-device with the unchanged interface would
     * not do it: libvirt sees nothing to change.)
     */
    static List<String> preview(String network, List<String> replug) {
        return replug.stream().map(id -> "ip link set dev <tap of " + id + "> master <bridge of " + network + ">")
                .toList();
    }

    static void apply(Host host, String network, List<String> replug) {
        HostSnapshot now = host.snapshot();
        Optional<String> bridge = now.network(network).flatMap(n -> n.bridge()).filter(b -> now.link(b).isPresent());
        if (bridge.isEmpty()) {
            return; // a macvtap network: its guests' devices hang off the NIC, not a bridge
        }
        for (String id : replug) {
            Optional<String> tap = now.guest(guest(id)).filter(Guest::isRunning).flatMap(g -> g.nic(mac(id)))
                    .flatMap(GuestNic::target).filter(t -> now.link(t).isPresent());
            if (tap.isPresent() && !now.link(tap.get()).flatMap(l -> l.master()).equals(bridge)) {
                host.kernel().setLinkMaster(tap.get(), bridge);
            }
        }
    }

    static Optional<String> unverified(HostSnapshot after, String network, List<String> replug) {
        Optional<String> bridge = after.network(network).flatMap(n -> n.bridge());
        if (bridge.isEmpty()) {
            return Optional.empty();
        }
        for (String id : replug) {
            Optional<String> tap = after.guest(guest(id)).filter(Guest::isRunning).flatMap(g -> g.nic(mac(id)))
                    .flatMap(GuestNic::target);
            if (tap.isPresent() && !after.link(tap.get()).flatMap(l -> l.master()).equals(bridge)) {
                return Optional.of(guest(id) + "'s tap " + tap.get() + " is not on " + bridge.get());
            }
        }
        return Optional.empty();
    }

    private static String guest(String id) {
        return id.substring(0, id.lastIndexOf('/'));
    }

    private static String mac(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
