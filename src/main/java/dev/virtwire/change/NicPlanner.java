package dev.virtwire.change;

import dev.virtwire.change.op.AttachNicOp;
import dev.virtwire.change.op.NicLinkOp;
import dev.virtwire.change.op.NicMacOp;
import dev.virtwire.host.Scope;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;

/** Plans changes to guest NICs: where they are plugged in, and their virtual cable. */
final class NicPlanner {
    private final HostSnapshot s;
    private final Lookup lookup;
    private final SuggestedCommands suggested;

    NicPlanner(HostSnapshot snapshot, SuggestedCommands suggested) {
        this.s = snapshot;
        this.lookup = new Lookup(snapshot);
        this.suggested = suggested;
    }

    Plan attach(GuestIntent.AttachNic i) {
        return attach(i, i.guest(), i.mac(), i.type(), i.source(), i.scope());
    }

    Plan switchToBridged(GuestIntent.SwitchToBridged i) {
        Guest guest = lookup.guest(i.guest());
        GuestNic nic = Lookup.nic(guest, i.mac());
        if (nic.type() == NicType.BRIDGE) {
            throw new ChangeRefused(guest.name() + "'s NIC " + nic.mac() + " is bridged already (on "
                    + nic.source().orElse("?") + ")");
        }
        String bridge = i.bridge().map(b -> Input.link(b, "bridge")).orElseGet(this::uplinkBridge);
        return attach(i, guest.name(), nic.mac(), NicType.BRIDGE, bridge, Scope.BOTH);
    }

    Plan switchToNat(GuestIntent.SwitchToNat i) {
        Guest guest = lookup.guest(i.guest());
        GuestNic nic = Lookup.nic(guest, i.mac());
        String name = Input.libvirtName(i.network().orElse("default"), "network");
        VirtualNetwork network = Lookup.named(s.network(name), "libvirt network", name, "NAT networks",
                natNetworks());
        if (network.mode() != NetworkMode.NAT) {
            throw new ChangeRefused("network '" + name + "' is " + network.mode().json() + ", not NAT; NAT networks: "
                    + Lookup.list(natNetworks()));
        }
        return attach(i, guest.name(), nic.mac(), NicType.NETWORK, name, Scope.BOTH);
    }

    Plan setNicLink(GuestIntent.SetNicLink i) {
        Guest guest = lookup.guest(i.guest());
        GuestNic nic = Lookup.nic(guest, i.mac());
        if (nic.linkUp() == i.up()) {
            throw new ChangeRefused(guest.name() + "'s NIC " + nic.mac() + " is already "
                    + (i.up() ? "plugged in" : "unplugged"));
        }
        Scope scope = guest.isRunning() ? Scope.BOTH : Scope.CONFIG;
        return new Plan(i, i.describe(), List.of(new NicLinkOp(guest.name(), nic.mac(), i.up(), scope)));
    }

    /**
     * A NIC's new MAC: unicast, in libvirt's range or another locally administered one, on no other NIC of the
     * guest's host. A shut-off guest has only its saved config changed; on a running one the NIC is unplugged and
     * plugged in again, and the plan's title says so: a MAC cannot change on a plugged-in virtio NIC, and changing
     * only the saved config would leave the clash on the wire until the guest is shut off and started again.
     */
    Plan setNicMac(GuestIntent.SetNicMac i) {
        Guest guest = lookup.guest(i.guest());
        GuestNic nic = Lookup.nic(guest, i.mac());
        String newMac = newMac(i.newMac());
        if (guest.state() == dev.virtwire.model.GuestState.PAUSED) {
            throw new ChangeRefused(guest.name() + " is paused, so it cannot let go of its NIC to take the new MAC: "
                    + "resume it (virsh resume " + guest.name() + ") or shut it off first");
        }
        Scope scope = guest.isRunning() ? Scope.BOTH : Scope.CONFIG;
        // one line, the preview's header: the guest sees the hot-unplug and plug, which the Fix's own words detail
        String title = i.describe() + (guest.isRunning() ? " (" + guest.name() + " runs: its NIC is unplugged and "
                + "plugged in again)" : " in its saved config (" + guest.name() + " is not running)");
        return new Plan(i, title, List.of(new NicMacOp(guest.name(), nic.mac(), newMac, nic.type(),
                nic.source().orElse(""), scope)));
    }

    /** A MAC a guest NIC may take: valid, unicast, and on no other NIC or link of this host. */
    private String newMac(String text) {
        String normal = Input.mac(text);
        if ((Integer.parseInt(normal.substring(0, 2), 16) & 1) != 0) {
            throw new ChangeRefused(normal + " is a multicast MAC: a NIC needs a unicast one (its first byte even), "
                    + "e.g. in libvirt's range 52:54:00:xx:xx:xx");
        }
        s.guests().stream().flatMap(g -> g.nic(normal).map(n -> g.name()).stream()).findFirst().ifPresent(g -> {
            throw new ChangeRefused(normal + " is taken by a NIC of guest " + g + " on this host; choose another");
        });
        s.links().stream().filter(l -> l.mac().filter(normal::equals).isPresent()).findFirst().ifPresent(l -> {
            throw new ChangeRefused(normal + " is taken by link " + l.name() + " on this host; choose another");
        });
        return normal;
    }

    private Plan attach(Intent intent, String guestName, String mac, NicType type, String source, Scope asked) {
        Guest guest = lookup.guest(guestName);
        GuestNic nic = Lookup.nic(guest, mac);
        NicMoves.check(lookup, guest, nic, type, source, asked, suggested);
        // a shut-off guest has only its stored configuration to change
        Scope scope = guest.isRunning() ? asked : Scope.CONFIG;
        // to or from macvtap, a running guest's NIC is unplugged and plugged again (AttachNicOp says so)
        AttachNicOp op = new AttachNicOp(guest.name(), nic.mac(), type, source, nic.type(), nic.source().orElse(""),
                scope);
        return new Plan(intent, intent.describe(), List.of(op));
    }

    /** The bridge that carries the LAN uplink: a bridge with a port that leads off the host, and only one. */
    private String uplinkBridge() {
        List<String> candidates = Uplinks.of(s).lanBridges().stream().map(Link::name).toList();
        if (candidates.isEmpty()) {
            throw new ChangeRefused("no Linux bridge carries a physical NIC, so there is no LAN to bridge into: "
                    + "bridge the uplink first (" + suggested.line("uplink", "bridge", s.defaultRouteLink()
                    .map(Link::name).orElse("eth0"), "--bridge", "br0", "--confirm-within", "60") + ")");
        }
        if (candidates.size() > 1) {
            throw new ChangeRefused("several bridges carry a physical NIC: " + String.join(", ", candidates)
                    + "; say which one (--bridge)");
        }
        return candidates.get(0);
    }

    private List<String> natNetworks() {
        return Lookup.networkNames(s.networks().stream().filter(n -> n.mode() == NetworkMode.NAT).toList());
    }
}
