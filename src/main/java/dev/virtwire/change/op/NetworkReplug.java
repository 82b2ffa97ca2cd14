package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
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
    public static List<Id.Nic> nicsOn(HostSnapshot s, String network) {
        return s.guests().stream().filter(Guest::isRunning).flatMap(g -> g.nics().stream()
                .filter(n -> n.type() == NicType.NETWORK && n.source().filter(network::equals).isPresent()
                        && n.target().isPresent())
                .map(n -> new Id.Nic(g.name(), n.mac()))).toList();
    }

    /**
     * Those of {@link #nicsOn} whose tap is a port of the network's bridge now: a restart must leave them so.
     * A tap that is off the bridge already stays off (a restart is no time to change it silently).
     */
    public static List<Id.Nic> pluggedInto(HostSnapshot s, String network) {
        Optional<String> bridge = s.network(network).flatMap(n -> n.bridge());
        return nicsOn(s, network).stream().filter(id -> s.guest(id.guest()).flatMap(g -> g.nic(id.mac()))
                .flatMap(GuestNic::target).flatMap(s::link).flatMap(l -> l.master()).equals(bridge)
                || bridge.isEmpty()).toList();
    }

    /** The step's subjects: the network, and the taps it plugs back in (their guests and the link table). */
    static List<Id> subjects(String network, List<Id.Nic> replug) {
        List<Id> subjects = new java.util.ArrayList<>(List.of(new Id.Network(network)));
        replug.forEach(nic -> subjects.add(new Id.Tap(nic.guest(), nic.mac())));
        return subjects;
    }

    /**
     * As commands: the tap goes back into the bridge. (virsh update-device with the unchanged interface would
     * not do it: libvirt sees nothing to change.)
     */
    static List<String> preview(String network, List<Id.Nic> replug) {
        return replug.stream()
                .map(id -> "ip link set dev <tap of " + id.guest() + "/" + id.mac() + "> master <bridge of " + network + ">")
                .toList();
    }

    static void apply(Host host, String network, List<Id.Nic> replug) {
        HostSnapshot now = host.snapshot();
        Optional<String> bridge = now.network(network).flatMap(n -> n.bridge()).filter(b -> now.link(b).isPresent());
        if (bridge.isEmpty()) {
            return; // a macvtap network: its guests' devices hang off the NIC, not a bridge
        }
        for (Id.Nic id : replug) {
            Optional<String> tap = now.guest(id.guest()).filter(Guest::isRunning).flatMap(g -> g.nic(id.mac()))
                    .flatMap(GuestNic::target).filter(t -> now.link(t).isPresent());
            if (tap.isPresent() && !now.link(tap.get()).flatMap(l -> l.master()).equals(bridge)) {
                host.kernel().setLinkMaster(tap.get(), bridge);
            }
        }
    }

    static Optional<String> unverified(HostSnapshot after, String network, List<Id.Nic> replug) {
        Optional<String> bridge = after.network(network).flatMap(n -> n.bridge());
        if (bridge.isEmpty()) {
            return Optional.empty();
        }
        for (Id.Nic id : replug) {
            Optional<String> tap = after.guest(id.guest()).filter(Guest::isRunning).flatMap(g -> g.nic(id.mac()))
                    .flatMap(GuestNic::target);
            if (tap.isPresent() && !after.link(tap.get()).flatMap(l -> l.master()).equals(bridge)) {
                return Optional.of(id.guest() + "'s tap " + tap.get() + " is not on " + bridge.get());
            }
        }
        return Optional.empty();
    }

}
