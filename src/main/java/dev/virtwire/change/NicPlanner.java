package dev.virtwire.change;

import dev.virtwire.change.op.AttachNicOp;
import dev.virtwire.change.op.NicLinkOp;
import dev.virtwire.host.Scope;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;

/** Plans changes to guest NICs: where they are plugged in, and their virtual cable. */
final class NicPlanner {
    private final HostSnapshot s;

    NicPlanner(HostSnapshot snapshot) {
        this.s = snapshot;
    }

    Plan attach(Intent.AttachNic i) {
        return attach(i, i.guest(), i.mac(), i.type(), i.source(), i.scope());
    }

    Plan switchToBridged(Intent.SwitchToBridged i) {
        Guest guest = guest(i.guest());
        GuestNic nic = nic(guest, i.mac());
        if (nic.type() == NicType.BRIDGE) {
            throw new ChangeRefused(guest.name() + "'s NIC " + nic.mac() + " is bridged already (on "
                    + nic.source().orElse("?") + ")");
        }
        String bridge = i.bridge().map(b -> Input.link(b, "bridge")).orElseGet(this::uplinkBridge);
        return attach(i, guest.name(), nic.mac(), NicType.BRIDGE, bridge, Scope.BOTH);
    }

    Plan switchToNat(Intent.SwitchToNat i) {
        Guest guest = guest(i.guest());
        GuestNic nic = nic(guest, i.mac());
        String name = Input.libvirtName(i.network().orElse("default"), "network");
        VirtualNetwork network = s.network(name).orElseThrow(() -> new ChangeRefused("there is no libvirt network "
                + "named '" + name + "'; NAT networks: " + names(natNetworks())));
        if (network.mode() != NetworkMode.NAT) {
            throw new ChangeRefused("network '" + name + "' is " + network.mode().json() + ", not NAT; NAT networks: "
                    + names(natNetworks()));
        }
        return attach(i, guest.name(), nic.mac(), NicType.NETWORK, name, Scope.BOTH);
    }

    Plan setNicLink(Intent.SetNicLink i) {
        Guest guest = guest(i.guest());
        GuestNic nic = nic(guest, i.mac());
        if (nic.linkUp() == i.up()) {
            throw new ChangeRefused(guest.name() + "'s NIC " + nic.mac() + " is already "
                    + (i.up() ? "plugged in" : "unplugged"));
        }
        Scope scope = guest.isRunning() ? Scope.BOTH : Scope.CONFIG;
        return new Plan(i, i.describe(), List.of(new NicLinkOp(guest.name(), nic.mac(), i.up(), scope)));
    }

    private Plan attach(Intent intent, String guestName, String mac, NicType type, String source, Scope asked) {
        Guest guest = guest(guestName);
        GuestNic nic = nic(guest, mac);
        requireTarget(guest, type, source, asked);
        if (nic.type() == type && nic.source().filter(source::equals).isPresent()) {
            throw new ChangeRefused(guest.name() + "'s NIC " + nic.mac() + " is on " + type.json() + " " + source
                    + " already");
        }
        Scope scope = asked;
        if (!guest.isRunning()) {
            if (asked == Scope.LIVE) {
                throw new ChangeRefused(guest.name() + " is not running: only its stored configuration can change "
                        + "(scope config or both)");
            }
            scope = Scope.CONFIG;
        }
        // to or from macvtap, a running guest's NIC is unplugged and plugged again (AttachNicOp says so)
        AttachNicOp op = new AttachNicOp(guest.name(), nic.mac(), type, source, nic.type(), nic.source().orElse(""),
                scope, nic.model(), nic.linkUp());
        return new Plan(intent, intent.describe(), List.of(op));
    }

    private void requireTarget(Guest guest, NicType type, String source, Scope scope) {
        switch (type) {
            case NETWORK -> {
                Input.libvirtName(source, "network");
                VirtualNetwork n = s.network(source).orElseThrow(() -> new ChangeRefused("there is no libvirt network "
                        + "named '" + source + "'; networks: " + names(s.networks())));
                if (guest.isRunning() && scope.live() && !n.active()) {
                    throw new ChangeRefused("network '" + source + "' is not active: start it first "
                            + "(virtwire network start " + source + ")");
                }
            }
            case BRIDGE -> {
                Input.link(source, "bridge");
                s.link(source).filter(l -> l.kind() == LinkKind.BRIDGE).orElseThrow(() -> new ChangeRefused(
                        "there is no Linux bridge named '" + source + "'; bridges: " + bridges()));
            }
            case DIRECT -> {
                Input.link(source, "host NIC");
                s.link(source).orElseThrow(() -> new ChangeRefused("there is no host NIC named '" + source + "'"));
            }
            default -> throw new ChangeRefused("a NIC can be attached to a network, a bridge or a host NIC (direct); "
                    + "not to '" + type.json() + "'");
        }
    }

    /** The bridge that carries the LAN uplink: a bridge with a port that leads off the host, and only one. */
    private String uplinkBridge() {
        List<String> candidates = Uplinks.of(s).lanBridges().stream().map(Link::name).toList();
        if (candidates.isEmpty()) {
            throw new ChangeRefused("no Linux bridge carries a physical NIC, so there is no LAN to bridge into: "
                    + "bridge the uplink first (virtwire uplink bridge " + s.defaultRouteLink().map(Link::name)
                    .orElse("eth0") + " --bridge br0 --confirm-within 60)");
        }
        if (candidates.size() > 1) {
            throw new ChangeRefused("several bridges carry a physical NIC: " + String.join(", ", candidates)
                    + "; say which one (--bridge)");
        }
        return candidates.get(0);
    }

    private Guest guest(String name) {
        Input.libvirtName(name, "guest");
        return s.guest(name).orElseThrow(() -> new ChangeRefused("there is no guest named '" + name + "'; guests: "
                + String.join(", ", s.guests().stream().map(Guest::name).toList())));
    }

    private static GuestNic nic(Guest guest, String mac) {
        String normalized = Input.mac(mac);
        return guest.nic(normalized).orElseThrow(() -> new ChangeRefused(guest.name() + " has no NIC with MAC "
                + normalized + "; its NICs: " + String.join(", ", guest.nics().stream().map(GuestNic::mac).toList())));
    }

    private List<VirtualNetwork> natNetworks() {
        return s.networks().stream().filter(n -> n.mode() == NetworkMode.NAT).toList();
    }

    private String bridges() {
        return String.join(", ", s.links().stream().filter(l -> l.kind() == LinkKind.BRIDGE).map(Link::name).toList());
    }

    private static String names(List<VirtualNetwork> networks) {
        return networks.isEmpty() ? "none" : String.join(", ", networks.stream().map(VirtualNetwork::name).toList());
    }
}
