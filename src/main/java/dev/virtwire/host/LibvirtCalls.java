package dev.virtwire.host;

import dev.virtwire.host.HostCommand.LibvirtCall;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.NicType;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The libvirt calls of the guest and network changes, built once: the real host makes these calls and
 * previews show them. A change of a running guest and of its saved config are two calls, live first.
 */
public final class LibvirtCalls {
    public static final String UPDATE_DEVICE = "virDomainUpdateDeviceFlags";

    private LibvirtCalls() {
    }

    /**
     * The NIC pointed at another network, bridge or host device. The XML names only the NIC's MAC, type and
     * source; the real host sends the NIC's current element with these taken over, so that its model, link
     * state, PCI address, target and driver stay (update-device must not change them).
     */
    public static List<LibvirtCall> nicUpdate(String guest, String mac, NicType type, String source, Scope scope) {
        if (type != NicType.NETWORK && type != NicType.BRIDGE && type != NicType.DIRECT) {
            throw new IllegalArgumentException("a NIC can be attached to a network, a bridge or a host device "
                    + "(direct/macvtap), not to '" + type.json() + "'");
        }
        if (source.isBlank()) {
            throw new IllegalArgumentException("the " + type.json() + " to attach to is empty");
        }
        String xml = LibvirtXml.nicSource(mac, type, source);
        return halves(scope).stream().map(half -> new LibvirtCall(UPDATE_DEVICE, guest, half, Optional.of(xml),
                List.of("virsh", "update-device", guest, "/dev/stdin", flag(half)))).toList();
    }

    /**
     * As {@link #nicUpdate}, but to or from macvtap on the running guest, which update-device refuses: the NIC
     * is unplugged and plugged in again on its new source (same MAC, model and PCI slot: the real host sends
     * the NIC's current element with the new source), and the saved config changes by update-device.
     */
    public static List<LibvirtCall> nicMove(String guest, String mac, NicType from, NicType type, String source,
                                            Scope scope) {
        if (!scope.live() || (from == NicType.DIRECT) == (type == NicType.DIRECT)) {
            return nicUpdate(guest, mac, type, source, scope);
        }
        List<LibvirtCall> calls = new ArrayList<>(List.of(
                new LibvirtCall("virDomainDetachDeviceFlags", guest, Scope.LIVE, Optional.empty(),
                        List.of("virsh", "detach-interface", guest, from.json(), "--mac", mac, "--live")),
                new LibvirtCall("virDomainAttachDeviceFlags", guest, Scope.LIVE,
                        Optional.of(LibvirtXml.nicSource(mac, type, source)),
                        List.of("virsh", "attach-device", guest, "/dev/stdin", "--live"))));
        if (scope.config()) {
            calls.addAll(nicUpdate(guest, mac, type, source, Scope.CONFIG));
        }
        return calls;
    }

    /**
     * The NIC given a new MAC. libvirt finds a NIC by its MAC, so update-device cannot change it: per half (the
     * running guest first), the NIC is unplugged and plugged in again with the new MAC, its type and source as they
     * are; the real host sends the NIC's current element with only the MAC changed, so its model and PCI slot stay.
     * On the running guest that is a hot-unplug and plug the guest sees.
     */
    public static List<LibvirtCall> nicMac(String guest, String mac, String newMac, NicType type, String source,
                                           Scope scope) {
        String xml = LibvirtXml.nicSource(newMac, type, source);
        List<LibvirtCall> calls = new ArrayList<>();
        for (Scope half : halves(scope)) {
            calls.add(new LibvirtCall("virDomainDetachDeviceFlags", guest, half, Optional.empty(),
                    List.of("virsh", "detach-interface", guest, type.json(), "--mac", mac, flag(half))));
            calls.add(new LibvirtCall("virDomainAttachDeviceFlags", guest, half, Optional.of(xml),
                    List.of("virsh", "attach-device", guest, "/dev/stdin", flag(half))));
        }
        return calls;
    }

    /** The NIC's virtual cable plugged or unplugged, as {@code virsh domif-setlink} does it: only its link changes. */
    public static List<LibvirtCall> nicLink(String guest, String mac, boolean up, Scope scope) {
        String xml = LibvirtXml.nicLink(mac, up);
        return halves(scope).stream().map(half -> {
            List<String> virsh = new ArrayList<>(List.of("virsh", "domif-setlink", guest, mac, up ? "up" : "down"));
            if (half == Scope.CONFIG) {
                virsh.add("--config");
            }
            return new LibvirtCall(UPDATE_DEVICE, guest, half, Optional.of(xml), virsh);
        }).toList();
    }

    public static LibvirtCall networkActive(String network, boolean active) {
        return new LibvirtCall(active ? "virNetworkCreate" : "virNetworkDestroy", network, Scope.LIVE,
                Optional.empty(), List.of("virsh", active ? "net-start" : "net-destroy", network));
    }

    /**
     * Defines the network (a new one from this XML; an existing one keeps what the model does not describe,
     * see NetworkRedefinition) and sets its autostart.
     */
    public static List<LibvirtCall> networkDefinition(VirtualNetwork definition, Optional<String> bridgeMac) {
        String name = definition.name();
        return List.of(new LibvirtCall("virNetworkDefineXML", name, Scope.CONFIG,
                        Optional.of(LibvirtXml.network(definition.withActive(false), bridgeMac)),
                        List.of("virsh", "net-define", "/dev/stdin")),
                new LibvirtCall("virNetworkSetAutostart", name, Scope.CONFIG, Optional.empty(),
                        definition.autostart() ? List.of("virsh", "net-autostart", name)
                                : List.of("virsh", "net-autostart", "--disable", name)));
    }

    public static LibvirtCall networkUndefine(String network) {
        return new LibvirtCall("virNetworkUndefine", network, Scope.CONFIG, Optional.empty(),
                List.of("virsh", "net-undefine", network));
    }

    /** One call for both halves (virNetworkUpdate takes both flags at once); the XML is a virsh argument. */
    public static LibvirtCall dhcpHost(String network, DhcpHost host, boolean present, Scope scope) {
        return dhcpHost(network, host, present, scope, Optional.empty());
    }

    /** @param parentIndex the {@code <ip>} it belongs to, counted from 0 over all of them (a DHCPv6 one's) */
    public static LibvirtCall dhcpHost(String network, DhcpHost host, boolean present, Scope scope,
                                       Optional<Integer> parentIndex) {
        String xml = LibvirtXml.dhcpHost(host);
        List<String> virsh = new ArrayList<>(List.of("virsh", "net-update", network, present ? "add" : "delete",
                "ip-dhcp-host", xml));
        parentIndex.ifPresent(k -> virsh.addAll(List.of("--parent-index", Integer.toString(k))));
        halves(scope).forEach(half -> virsh.add(flag(half)));
        return new LibvirtCall("virNetworkUpdate", network, scope, Optional.of(xml), virsh);
    }

    /** The halves a scope changes, the running one first. */
    public static List<Scope> halves(Scope scope) {
        return switch (scope) {
            case LIVE -> List.of(Scope.LIVE);
            case CONFIG -> List.of(Scope.CONFIG);
            case BOTH -> List.of(Scope.LIVE, Scope.CONFIG);
        };
    }

    private static String flag(Scope half) {
        return half == Scope.LIVE ? "--live" : "--config";
    }
}
