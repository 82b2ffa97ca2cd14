package dev.virtwire.ui.inspector;

import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.Intent;
import dev.virtwire.change.LinkIntent;
import dev.virtwire.change.NetworkIntent;
import dev.virtwire.change.SysctlIntent;
import dev.virtwire.host.Scope;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.ui.Messages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The facts an operation exists for, with the intent each new value means: the same intents as the context
 * menus, so an edit in the inspector is planned and previewed like one from the canvas.
 */
final class FactEdits {
    /** The modes a network switches to without more input, as in its context menu. */
    private static final List<NetworkMode> ROUTED_MODES =
            List.of(NetworkMode.NAT, NetworkMode.ROUTE, NetworkMode.OPEN, NetworkMode.ISOLATED);

    private final HostSnapshot snapshot;
    private final Messages text;

    FactEdits(HostSnapshot snapshot, Messages text) {
        this.snapshot = snapshot;
        this.text = text;
    }

    String upDown(boolean up) {
        return text.get(up ? "state.up" : "state.down");
    }

    private String yesNo(boolean b) {
        return text.get(b ? "yes" : "no");
    }

    FactEdit linkAdmin(Link link) {
        return onOff("admin", upDown(true), upDown(false), link.adminUp(), up -> new LinkIntent.SetLinkUp(link.name(), up));
    }

    FactEdit linkMtu(Link link) {
        return new FactEdit.Typed("mtu", typed -> new LinkIntent.SetLinkMtu(link.name(), mtu(typed)));
    }

    /** Only whole numbers get this far; the planner refuses the ones out of range, with the range. */
    private int mtu(String typed) {
        try {
            return Integer.parseInt(typed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(text.get("edit.mtu.not-a-number"), typed));
        }
    }

    FactEdit nicLink(Guest guest, GuestNic nic) {
        return onOff("link", upDown(true), upDown(false), nic.linkUp(),
                up -> new GuestIntent.SetNicLink(guest.name(), nic.mac(), up));
    }

    /** Where a NIC can be plugged: every libvirt network, and the Linux bridges no network owns. */
    FactEdit nicSource(Guest guest, GuestNic nic) {
        List<String> values = new ArrayList<>();
        Map<String, Intent> intents = new LinkedHashMap<>();
        String current = nicSourceLabel(nic);
        values.add(current);
        for (VirtualNetwork n : snapshot.networks()) {
            String label = sourceLabel(n.name(), text.get("menu.nic.network"));
            if (!label.equals(current)) {
                values.add(label);
                intents.put(label, new GuestIntent.AttachNic(guest.name(), nic.mac(), NicType.NETWORK, n.name(), Scope.BOTH));
            }
        }
        snapshot.links().stream()
                .filter(l -> l.kind() == LinkKind.BRIDGE && snapshot.networkOnBridge(l.name()).isEmpty())
                .forEach(b -> {
                    String label = sourceLabel(b.name(), text.get("menu.nic.bridge"));
                    if (!label.equals(current)) {
                        values.add(label);
                        intents.put(label, new GuestIntent.AttachNic(guest.name(), nic.mac(), NicType.BRIDGE, b.name(),
                                Scope.BOTH));
                    }
                });
        return new FactEdit.Choice("source", values, intents);
    }

    String nicSourceLabel(GuestNic nic) {
        String type = switch (nic.type()) {
            case NETWORK -> text.get("menu.nic.network");
            case BRIDGE -> text.get("menu.nic.bridge");
            default -> nic.type().json();
        };
        return nic.source().map(s -> sourceLabel(s, type)).orElse(type);
    }

    /** The name first: a narrow inspector cuts the end of a value, and the name is what tells them apart. */
    private static String sourceLabel(String name, String type) {
        return name + " (" + type + ")";
    }

    /** What the inspector shows for a fact that has no value yet. */
    static final String NONE = "—";

    FactEdit networkMode(VirtualNetwork n) {
        List<String> values = new ArrayList<>();
        Map<String, Intent> intents = new LinkedHashMap<>();
        if (!ROUTED_MODES.contains(n.mode())) {
            values.add(text.get("mode." + n.mode().json()));
        }
        for (NetworkMode m : ROUTED_MODES) {
            String label = text.get("mode." + m.json());
            values.add(label);
            if (m != n.mode()) {
                intents.put(label, new NetworkIntent.SetNetworkMode(n.name(), m, Optional.empty(),
                        Optional.empty(), Optional.empty()));
            }
        }
        return new FactEdit.Choice("mode", values, intents);
    }

    /**
     * A network's IPv6 prefix, typed as the host's address with its length (fd00:1::1/64); emptied, the network
     * loses its IPv6. The planner checks it and keeps the network's DHCPv6 reservations where the prefix stays.
     */
    FactEdit networkIpv6(VirtualNetwork n) {
        return new FactEdit.Typed("ip6", typed -> new NetworkIntent.SetNetworkMode(n.name(), n.mode(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(typed.isEmpty() || typed.equals(NONE)
                ? NetworkIntent.SetNetworkMode.NO_IPV6 : typed), Optional.empty(), Optional.empty()));
    }

    /** A network's DHCPv6 range, typed FIRST – LAST (as shown) or FIRST-LAST. */
    FactEdit networkDhcp6(VirtualNetwork n) {
        return new FactEdit.Typed("dhcp6", typed -> {
            String[] ends = typed.split("\\s*[–-]\\s*");
            if (ends.length != 2) {
                throw new IllegalArgumentException("give the DHCPv6 range as FIRST – LAST, e.g. fd00:1::100 – "
                        + "fd00:1::1ff");
            }
            return new NetworkIntent.SetNetworkMode(n.name(), n.mode(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(ends[0]), Optional.of(ends[1]));
        });
    }

    FactEdit networkActive(VirtualNetwork n) {
        return onOff("active", yesNo(true), yesNo(false), n.active(), on -> new NetworkIntent.SetNetworkActive(n.name(), on));
    }

    /**
     * IPv4 forwarding: the other value now and at every boot (Virtwire's file in /etc/sysctl.d) or now only, and the
     * value it has kept at boot too (the planner says so when the file saves it already).
     */
    FactEdit ipForward(boolean on) {
        return scoped("ip-forward", on, SysctlIntent.SetIpForward::new);
    }

    /**
     * One link's own IPv4 forwarding (net.ipv4.conf.LINK.forwarding), with the same choices as the host's: saved in
     * the same file, refused by the planner with the reason where it cannot be saved (over --netns).
     */
    FactEdit linkForward(Link link, boolean on) {
        return scoped("link-forward", on, (value, scope) -> new SysctlIntent.SetLinkForwarding(link.name(), value,
                scope));
    }

    /** A forwarding switch: the value it has, kept at boot too, then the other one now and at every boot, or now only. */
    private FactEdit scoped(String id, boolean on, BiFunction<Boolean, Scope, Intent> intent) {
        String now = yesNo(on);
        String other = yesNo(!on);
        Map<String, Intent> intents = new LinkedHashMap<>();
        intents.put(text.format("choice.saved-too", now), intent.apply(on, Scope.CONFIG));
        intents.put(text.format("choice.saved", other), intent.apply(!on, Scope.BOTH));
        intents.put(text.format("choice.now-only", other), intent.apply(!on, Scope.LIVE));
        List<String> values = new ArrayList<>(List.of(now));
        values.addAll(intents.keySet());
        return new FactEdit.Choice(id, values, intents);
    }

    private static FactEdit onOff(String id, String onLabel, String offLabel, boolean now,
                                  Function<Boolean, Intent> intent) {
        return new FactEdit.Choice(id, List.of(onLabel, offLabel), now ? Map.of(offLabel, intent.apply(false))
                : Map.of(onLabel, intent.apply(true)));
    }
}
