package dev.virtwire.ui;

import dev.virtwire.change.FirewallIntent;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.Intent;
import dev.virtwire.change.LinkIntent;
import dev.virtwire.change.NetworkIntent;
import dev.virtwire.change.SysctlIntent;
import dev.virtwire.diagnose.Destination;
import dev.virtwire.host.Scope;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.ui.canvas.BoxKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Window;

/**
 * The one-click actions on canvas elements, each an intent for the change layer: a guest NIC switches
 * between bridged and NAT or moves anywhere; a network starts, stops or changes mode; links go up and down;
 * the background creates bridges, networks and port forwards.
 */
final class ContextMenus {
    private static final List<NetworkMode> ROUTED_MODES =
            List.of(NetworkMode.NAT, NetworkMode.ROUTE, NetworkMode.OPEN, NetworkMode.ISOLATED);

    /** What the troubleshooter is asked about, as the window offers it (menu.troubleshoot.WHERE). */
    static final List<String> DESTINATIONS = List.of("lan", "internet", "internet6", "host");

    private final Supplier<HostSnapshot> snapshot;
    private final Consumer<Intent> request;
    private final Messages text;
    private final Supplier<Window> owner;
    private final Notifier notifier;
    private final BiConsumer<String, Destination> troubleshoot;

    ContextMenus(Supplier<HostSnapshot> snapshot, Consumer<Intent> request, Messages text, Supplier<Window> owner,
                 Notifier notifier, BiConsumer<String, Destination> troubleshoot) {
        this.troubleshoot = troubleshoot;
        this.snapshot = snapshot;
        this.request = request;
        this.text = text;
        this.owner = owner;
        this.notifier = notifier;
    }

    /** The menu of a box or NIC port on the canvas; of the background when none. */
    Optional<ContextMenu> of(Optional<BoxKey> key) {
        HostSnapshot s = snapshot.get();
        List<MenuItem> items = new ArrayList<>();
        if (key.isEmpty()) {
            items.addAll(backgroundItems(s));
        } else if (key.get() instanceof BoxKey.Element e) {
            items.addAll(elementItems(s, e.id()));
        }
        if (items.isEmpty()) {
            return Optional.empty();
        }
        ContextMenu menu = new ContextMenu(items.toArray(MenuItem[]::new));
        menu.setId("context-menu");
        return Optional.of(menu);
    }

    static Destination destination(String where) {
        return switch (where) {
            case "internet" -> Destination.internet();
            case "internet6" -> Destination.parse("internet6");
            case "host" -> Destination.host();
            default -> Destination.lan();
        };
    }

    /** A group box has no menu of its own: its guests have theirs once it is opened. */
    private List<MenuItem> elementItems(HostSnapshot s, Id.Node element) {
        List<MenuItem> items = new ArrayList<>();
        if (element instanceof Id.Nic n) {
            s.guest(n.guest()).ifPresent(g -> g.nic(n.mac()).ifPresent(nic -> items.addAll(nicItems(s, g, nic))));
        } else if (element instanceof Id.Guest g) {
            s.guest(g.name()).ifPresent(guest -> items.addAll(guestItems(s, guest)));
        } else if (element instanceof Id.Network n) {
            s.network(n.name()).ifPresent(network -> items.addAll(networkItems(network)));
        } else if (element instanceof Id.Link l) {
            s.link(l.name()).ifPresent(link -> items.addAll(linkItems(s, link)));
        }
        return items;
    }

    private List<MenuItem> guestItems(HostSnapshot s, Guest guest) {
        List<MenuItem> items = new ArrayList<>();
        Menu why = new Menu(text.get("menu.troubleshoot"));
        why.setId("troubleshoot");
        for (String where : DESTINATIONS) {
            MenuItem item = new MenuItem(text.get("menu.troubleshoot." + where));
            item.setId("troubleshoot-" + where);
            item.setOnAction(e -> troubleshoot.accept(guest.name(), destination(where)));
            why.getItems().add(item);
        }
        items.add(why);
        items.add(new SeparatorMenuItem());
        if (guest.nics().size() == 1) {
            items.addAll(nicItems(s, guest, guest.nics().get(0)));
            return items;
        }
        for (GuestNic nic : guest.nics()) {
            Menu sub = new Menu(nic.mac() + nic.source().map(src -> " · " + src).orElse(""));
            sub.getItems().addAll(nicItems(s, guest, nic));
            items.add(sub);
        }
        return items;
    }

    List<MenuItem> nicItems(HostSnapshot s, Guest guest, GuestNic nic) {
        List<MenuItem> items = new ArrayList<>();
        MenuItem bridged = item("menu.nic.bridged", new GuestIntent.SwitchToBridged(guest.name(), nic.mac(), Optional.empty()));
        bridged.setId("switch-to-bridged");
        bridged.setDisable(nic.type() == NicType.BRIDGE);
        MenuItem nat = item("menu.nic.nat", new GuestIntent.SwitchToNat(guest.name(), nic.mac(), Optional.empty()));
        nat.setId("switch-to-nat");
        nat.setDisable(nic.type() == NicType.NETWORK && s.network(nic.source().orElse(""))
                .filter(n -> n.mode() == NetworkMode.NAT).isPresent());
        Menu connect = new Menu(text.get("menu.nic.connect"));
        connect.setId("connect-to");
        for (VirtualNetwork n : s.networks()) {
            MenuItem to = item(null, new GuestIntent.AttachNic(guest.name(), nic.mac(), NicType.NETWORK, n.name(), Scope.BOTH));
            to.setText(text.get("menu.nic.network") + " " + n.name());
            to.setId("connect-network-" + n.name());
            to.setDisable(nic.type() == NicType.NETWORK && nic.source().filter(n.name()::equals).isPresent());
            connect.getItems().add(to);
        }
        s.links().stream().filter(l -> l.kind() == LinkKind.BRIDGE && s.networkOnBridge(l.name()).isEmpty())
                .forEach(b -> {
                    MenuItem to = item(null, new GuestIntent.AttachNic(guest.name(), nic.mac(), NicType.BRIDGE, b.name(),
                            Scope.BOTH));
                    to.setText(text.get("menu.nic.bridge") + " " + b.name());
                    to.setId("connect-bridge-" + b.name());
                    to.setDisable(nic.type() == NicType.BRIDGE && nic.source().filter(b.name()::equals).isPresent());
                    connect.getItems().add(to);
                });
        MenuItem vlan = new MenuItem(text.get("menu.nic.vlan"));
        vlan.setId("put-on-vlan");
        vlan.setOnAction(e -> new Forms(text.get("menu.nic.vlan"))
                .text("vlan", text.get("form.vlan-id"), "")
                .ask(owner.get()).ifPresent(v -> guarded(() -> new GuestIntent.PutNicOnVlan(guest.name(), nic.mac(),
                        Forms.number(v.get("vlan"), text.get("form.vlan-id")), Optional.empty(), Optional.empty()))));
        MenuItem cable = item(nic.linkUp() ? "menu.nic.unplug" : "menu.nic.plug",
                new GuestIntent.SetNicLink(guest.name(), nic.mac(), !nic.linkUp()));
        cable.setId("nic-cable");
        items.addAll(List.of(bridged, nat, connect, vlan, new SeparatorMenuItem(), cable));
        return items;
    }

    private List<MenuItem> networkItems(VirtualNetwork n) {
        List<MenuItem> items = new ArrayList<>();
        MenuItem active = item(n.active() ? "menu.network.stop" : "menu.network.start",
                new NetworkIntent.SetNetworkActive(n.name(), !n.active()));
        active.setId("network-active");
        items.add(active);
        Menu mode = new Menu(text.get("menu.network.mode"));
        mode.setId("network-mode");
        for (NetworkMode m : ROUTED_MODES) {
            MenuItem to = item(null, new NetworkIntent.SetNetworkMode(n.name(), m, Optional.empty(), Optional.empty(),
                    Optional.empty()));
            to.setText(text.get("mode." + m.json()));
            to.setId("network-mode-" + m.json());
            to.setDisable(n.mode() == m);
            mode.getItems().add(to);
        }
        items.add(mode);
        MenuItem dhcp = new MenuItem(text.get("menu.network.dhcp-host"));
        dhcp.setOnAction(e -> new Forms(text.get("menu.network.dhcp-host"))
                .choice("mac", text.get("fact.mac"), macsOn(n), "")
                .text("ip", text.get("fact.ip"), "")
                .text("name", text.get("fact.name"), "")
                .ask(owner.get()).ifPresent(v -> request.accept(new NetworkIntent.AddDhcpHost(n.name(), v.get("mac"),
                        v.get("ip"), Forms.optional(v.get("name"))))));
        items.add(dhcp);
        MenuItem dhcp6 = new MenuItem(text.get("menu.network.dhcp6-host"));
        dhcp6.setId("network-dhcp6-host");
        dhcp6.setDisable(n.ips6().isEmpty());
        dhcp6.setOnAction(e -> new Forms(text.get("menu.network.dhcp6-host"))
                .text("client", text.get("form.dhcp6-client"), "")
                .text("ip", text.get("fact.ip6"), "")
                .ask(owner.get()).ifPresent(v -> request.accept(new NetworkIntent.AddDhcpHost(n.name(), v.get("client"),
                        v.get("ip"), Optional.empty()))));
        items.add(dhcp6);
        items.add(new SeparatorMenuItem());
        items.add(item("menu.network.delete", new NetworkIntent.DeleteNetwork(n.name())));
        return items;
    }

    private List<String> macsOn(VirtualNetwork n) {
        return snapshot.get().guests().stream().flatMap(g -> g.nics().stream())
                .filter(nic -> nic.source().filter(n.name()::equals).isPresent()).map(GuestNic::mac).toList();
    }

    private List<MenuItem> linkItems(HostSnapshot s, Link link) {
        List<MenuItem> items = new ArrayList<>();
        MenuItem updown = item(link.isUp() ? "menu.link.down" : "menu.link.up", new LinkIntent.SetLinkUp(link.name(),
                !link.isUp()));
        updown.setId("link-updown");
        items.add(updown);
        boolean uplink = s.defaultRouteLink().filter(l -> l.name().equals(link.name())).isPresent();
        // a NIC, or whatever leads off the host (a bond, a VLAN link, the lab's veths), not inside a bond or bridge
        boolean wayOut = link.kind() == LinkKind.PHYSICAL || (link.kind() != LinkKind.BRIDGE
                && Uplinks.of(s).leadsOffHost(link));
        if (wayOut && link.master().isEmpty()) {
            if (uplink) {
                MenuItem bridge = new MenuItem(text.get("menu.link.bridge-uplink"));
                bridge.setId("bridge-uplink");
                bridge.setOnAction(e -> new Forms(text.get("menu.link.bridge-uplink"))
                        .text("bridge", text.get("fact.bridge"), "br-" + link.name())
                        .text("seconds", text.get("form.confirm-seconds"), "60")
                        .ask(owner.get()).ifPresent(v -> guarded(() -> new LinkIntent.BridgeUplink(link.name(),
                                v.get("bridge"), true, Forms.number(v.get("seconds"), text.get("form.confirm-seconds"))))));
                items.add(bridge);
            }
            Menu into = new Menu(text.get("menu.link.add-to-bridge"));
            s.links().stream().filter(l -> l.kind() == LinkKind.BRIDGE && s.networkOnBridge(l.name()).isEmpty())
                    .forEach(b -> {
                        MenuItem to = item(null, new LinkIntent.SetLinkMaster(link.name(), Optional.of(b.name())));
                        to.setText(b.name());
                        into.getItems().add(to);
                    });
            into.setDisable(into.getItems().isEmpty());
            items.add(into);
        }
        if (link.master().isPresent() && link.kind() != LinkKind.TAP) {
            items.add(item("menu.link.release", new LinkIntent.SetLinkMaster(link.name(), Optional.empty())));
        }
        if (link.kind() == LinkKind.BRIDGE && s.networkOnBridge(link.name()).isEmpty()) {
            items.add(new SeparatorMenuItem());
            items.add(item("menu.link.delete-bridge", new LinkIntent.DeleteBridge(link.name())));
        }
        return items;
    }

    private List<MenuItem> backgroundItems(HostSnapshot s) {
        MenuItem bridge = new MenuItem(text.get("menu.create-bridge"));
        bridge.setId("create-bridge");
        bridge.setOnAction(e -> new Forms(text.get("menu.create-bridge"))
                .text("name", text.get("fact.name"), "br1")
                .ask(owner.get()).ifPresent(v -> request.accept(new LinkIntent.CreateBridge(v.get("name"), false, 0))));
        MenuItem network = new MenuItem(text.get("menu.create-network"));
        network.setId("create-network");
        network.setOnAction(e -> new Forms(text.get("menu.create-network"))
                .text("name", text.get("fact.name"), "")
                .choice("mode", text.get("fact.mode"), ROUTED_MODES.stream().map(NetworkMode::json).toList(), "nat")
                .text("address", text.get("fact.ip"), "192.168.200.1/24")
                .text("first", text.get("form.dhcp-first"), "192.168.200.100")
                .text("last", text.get("form.dhcp-last"), "192.168.200.200")
                .text("address6", text.get("fact.ip6"), "")
                .text("first6", text.get("form.dhcp6-first"), "")
                .text("last6", text.get("form.dhcp6-last"), "")
                .ask(owner.get()).ifPresent(v -> request.accept(new NetworkIntent.CreateNetwork(v.get("name"),
                        NetworkMode.fromJson(v.get("mode")), Optional.empty(), Forms.optional(v.get("address")),
                        Forms.optional(v.get("first")), Forms.optional(v.get("last")), Optional.empty(),
                        Forms.optional(v.get("address6")), Forms.optional(v.get("first6")),
                        Forms.optional(v.get("last6"))))));
        MenuItem forward = new MenuItem(text.get("menu.port-forward"));
        forward.setId("port-forward");
        forward.setOnAction(e -> new Forms(text.get("menu.port-forward"))
                .choice("protocol", text.get("form.protocol"), List.of("tcp", "udp"), "tcp")
                .text("hostPort", text.get("form.host-port"), "8080")
                .text("guestIp", text.get("form.guest-ip"), "")
                .text("guestPort", text.get("form.guest-port"), "80")
                .ask(owner.get()).ifPresent(v -> guarded(() -> new FirewallIntent.AddPortForward(v.get("protocol"),
                        Forms.number(v.get("hostPort"), text.get("form.host-port")), v.get("guestIp"),
                        Forms.number(v.get("guestPort"), text.get("form.guest-port"))))));
        // kept at boot (Virtwire's file in /etc/sysctl.d) or for now only, as `virtwire link forward --scope` offers
        boolean forwarding = s.kernel().ipForward().orElse(false);
        String turn = forwarding ? "menu.ip-forward.off" : "menu.ip-forward.on";
        MenuItem saved = item(turn + ".saved", new SysctlIntent.SetIpForward(!forwarding, Scope.BOTH));
        MenuItem now = item(turn + ".now", new SysctlIntent.SetIpForward(!forwarding, Scope.LIVE));
        return List.of(bridge, network, forward, new SeparatorMenuItem(), saved, now);
    }

    /** Builds an intent from typed input; a number that is not one is told, not thrown at the user. */
    private void guarded(Supplier<Intent> intent) {
        try {
            request.accept(intent.get());
        } catch (IllegalArgumentException e) {
            notifier.error(text.get("change.refused"), e.getMessage());
        }
    }

    private MenuItem item(String key, Intent intent) {
        MenuItem item = new MenuItem(key == null ? intent.describe() : text.get(key));
        item.setOnAction(e -> request.accept(intent));
        return item;
    }
}
