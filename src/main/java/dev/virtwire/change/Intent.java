package dev.virtwire.change;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.virtwire.host.Scope;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import java.util.Optional;

/**
 * What the user wants, in their words: a gesture in the window, a CLI command, a troubleshooter's fix. The
 * planner checks it against the host and turns it into a {@link Plan}; nothing here is validated yet (a bad
 * name becomes a {@link ChangeRefused} when planned). Intents are stored in the history journal as JSON.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "intent")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Intent.AttachNic.class, name = "attach-nic"),
        @JsonSubTypes.Type(value = Intent.SwitchToBridged.class, name = "switch-to-bridged"),
        @JsonSubTypes.Type(value = Intent.SwitchToNat.class, name = "switch-to-nat"),
        @JsonSubTypes.Type(value = Intent.SetNicLink.class, name = "set-nic-link"),
        @JsonSubTypes.Type(value = Intent.SetLinkUp.class, name = "set-link-up"),
        @JsonSubTypes.Type(value = Intent.SetLinkMaster.class, name = "set-link-master"),
        @JsonSubTypes.Type(value = Intent.SetLinkMtu.class, name = "set-link-mtu"),
        @JsonSubTypes.Type(value = Intent.SetNetworkActive.class, name = "set-network-active"),
        @JsonSubTypes.Type(value = Intent.RestartNetwork.class, name = "restart-network"),
        @JsonSubTypes.Type(value = Intent.SetIpForward.class, name = "set-ip-forward"),
        @JsonSubTypes.Type(value = Intent.SetLinkForwarding.class, name = "set-link-forwarding"),
        @JsonSubTypes.Type(value = Intent.SetIpv6Conf.class, name = "set-ipv6-conf"),
        @JsonSubTypes.Type(value = Intent.CreateBridge.class, name = "create-bridge"),
        @JsonSubTypes.Type(value = Intent.SaveBridge.class, name = "save-bridge"),
        @JsonSubTypes.Type(value = Intent.DeleteBridge.class, name = "delete-bridge"),
        @JsonSubTypes.Type(value = Intent.BridgeUplink.class, name = "bridge-uplink"),
        @JsonSubTypes.Type(value = Intent.MacvtapToNewBridge.class, name = "macvtap-to-new-bridge"),
        @JsonSubTypes.Type(value = Intent.CreateNetwork.class, name = "create-network"),
        @JsonSubTypes.Type(value = Intent.DeleteNetwork.class, name = "delete-network"),
        @JsonSubTypes.Type(value = Intent.SetNetworkMode.class, name = "set-network-mode"),
        @JsonSubTypes.Type(value = Intent.AddDhcpHost.class, name = "add-dhcp-host"),
        @JsonSubTypes.Type(value = Intent.RemoveDhcpHost.class, name = "remove-dhcp-host"),
        @JsonSubTypes.Type(value = Intent.AddPortForward.class, name = "add-port-forward"),
        @JsonSubTypes.Type(value = Intent.RemovePortForward.class, name = "remove-port-forward"),
        @JsonSubTypes.Type(value = Intent.AcceptBridgeTraffic.class, name = "accept-bridge-traffic"),
        @JsonSubTypes.Type(value = Intent.RemoveBridgeAccept.class, name = "remove-bridge-accept"),
        @JsonSubTypes.Type(value = Intent.AddRoute.class, name = "add-route"),
        @JsonSubTypes.Type(value = Intent.RestoreUplink.class, name = "restore-uplink"),
        @JsonSubTypes.Type(value = Intent.PutNicOnVlan.class, name = "put-nic-on-vlan"),
        @JsonSubTypes.Type(value = Intent.RemoveRoute.class, name = "remove-route"),
        @JsonSubTypes.Type(value = Intent.Undo.class, name = "undo")})
public sealed interface Intent {

    /** One line in the user's words, e.g. "Connect web1's NIC 52:54:00:3a:10:01 to bridge br0". */
    String describe();

    /** Point a guest NIC at a libvirt network, a Linux bridge or a host NIC (macvtap), keeping MAC, model and PCI slot. */
    record AttachNic(String guest, String mac, NicType type, String source, Scope scope) implements Intent {
        public String describe() {
            return "Connect " + guest + "'s NIC " + mac + " to " + type.json() + " " + source;
        }
    }

    /** NAT -> bridged: onto the bridge that carries the LAN uplink, or the one given. */
    record SwitchToBridged(String guest, String mac, Optional<String> bridge) implements Intent {
        public String describe() {
            return "Switch " + guest + "'s NIC " + mac + " to bridged" + bridge.map(b -> " (" + b + ")").orElse("");
        }
    }

    /** Bridged -> NAT: onto libvirt's NAT network ({@code default} unless given). */
    record SwitchToNat(String guest, String mac, Optional<String> network) implements Intent {
        public String describe() {
            return "Switch " + guest + "'s NIC " + mac + " to NAT" + network.map(n -> " (" + n + ")").orElse("");
        }
    }

    record SetNicLink(String guest, String mac, boolean up) implements Intent {
        public String describe() {
            return (up ? "Plug in " : "Unplug ") + guest + "'s NIC " + mac;
        }
    }

    record SetLinkUp(String link, boolean up) implements Intent {
        public String describe() {
            return "Set " + link + (up ? " up" : " down");
        }
    }

    /** Make a link a port of a bridge (or bond), or release it when empty. */
    record SetLinkMaster(String link, Optional<String> master, Optional<Scope> scope) implements Intent {
        public SetLinkMaster(String link, Optional<String> master) {
            this(link, master, Optional.empty());
        }

        public String describe() {
            return master.map(m -> "Add " + link + " to " + m).orElse("Release " + link + " from its bridge");
        }
    }

    record SetLinkMtu(String link, int mtu) implements Intent {
        public String describe() {
            return "Set the MTU of " + link + " to " + mtu;
        }
    }

    record SetNetworkActive(String network, boolean active) implements Intent {
        public String describe() {
            return (active ? "Start" : "Stop") + " network " + network;
        }
    }

    /** Stop and start: libvirt sets up the network's dnsmasq and firewall rules again; guests are plugged back. */
    record RestartNetwork(String network) implements Intent {
        public String describe() {
            return "Restart network " + network + " (running guests are plugged back in)";
        }
    }

    /**
     * net.ipv4.ip_forward: without it no guest traffic leaves the host.
     *
     * @param scope the running kernel (live), Virtwire's file in /etc/sysctl.d read at boot (config), or both
     */
    record SetIpForward(boolean on, Scope scope) implements Intent {
        public SetIpForward {
            // a history written before scopes has none: those changes were live
            scope = scope == null ? Scope.LIVE : scope;
        }

        /** The running kernel only. */
        public SetIpForward(boolean on) {
            this(on, Scope.LIVE);
        }

        public String describe() {
            return "Turn IPv4 forwarding " + (on ? "on" : "off") + Intent.sysctlScope(scope);
        }
    }

    /** net.ipv4.conf.LINK.forwarding: whether what arrives on one link is routed on. */
    record SetLinkForwarding(String link, boolean on, Scope scope) implements Intent {
        public String describe() {
            return "Turn IPv4 forwarding " + (on ? "on" : "off") + " for " + link + Intent.sysctlScope(scope);
        }
    }

    /**
     * net.ipv6.conf.LINK.KEY: {@code forwarding} (0/1; LINK {@code all} sets every link's) or {@code accept_ra}
     * (0, 1: only while not forwarding, 2: even while forwarding), live, saved in /etc/sysctl.d, or both.
     */
    record SetIpv6Conf(String link, String key, int value, Scope scope) implements Intent {
        public String describe() {
            return (key.equals("forwarding") ? "Turn IPv6 forwarding " + (value != 0 ? "on" : "off")
                    + (link.equals("all") ? "" : " for " + link)
                    : "Let " + link + " take router advertisements " + (value == 2 ? "even while the host forwards"
                    : value == 1 ? "only while the host does not forward" : "never") + " (accept_ra=" + value + ")")
                    + Intent.sysctlScope(scope);
        }
    }

    /** How a sysctl change's scope reads after its description. */
    private static String sysctlScope(Scope scope) {
        return switch (scope) {
            case LIVE -> "";
            case CONFIG -> " at the next boot (saved only)";
            case BOTH -> ", now and at every boot (saved)";
        };
    }

    /** A new Linux bridge; forward delay in seconds. */
    record CreateBridge(String name, boolean stp, int forwardDelay, Optional<Scope> scope) implements Intent {
        public CreateBridge(String name, boolean stp, int forwardDelay) {
            this(name, stp, forwardDelay, Optional.empty());
        }

        public String describe() {
            return "Create bridge " + name + (stp ? " with STP" : "");
        }
    }

    /**
     * Save a bridge that runs but that no network manager saves (made by hand), with its ports towards the LAN, as
     * they run now, through the manager that will own it: nothing running changes; from the next boot the manager
     * makes it. A port saved as another bridge's moves to this one in the saved configuration too.
     */
    record SaveBridge(String name) implements Intent {
        public String describe() {
            return "Save bridge " + name + " and its ports as they run now";
        }
    }

    /** Delete a Linux bridge, releasing its ports first. */
    record DeleteBridge(String name, Optional<Scope> scope) implements Intent {
        public DeleteBridge(String name) {
            this(name, Optional.empty());
        }

        public String describe() {
            return "Delete bridge " + name;
        }
    }

    /**
     * Put a physical NIC into a bridge (created if needed), moving its addresses, routes and optionally its MAC
     * to the bridge, under a confirm-or-revert timer.
     */
    record BridgeUplink(String nic, String bridge, boolean moveMac, int confirmWithinSeconds, Optional<Scope> scope)
            implements Intent {
        public BridgeUplink(String nic, String bridge, boolean moveMac, int confirmWithinSeconds) {
            this(nic, bridge, moveMac, confirmWithinSeconds, Optional.empty());
        }

        public String describe() {
            return "Bridge the uplink " + nic + " into " + bridge;
        }
    }

    /**
     * Off macvtap, onto a bridge of the same LAN that does not exist yet: the host NIC under the guest's macvtap
     * is bridged into {@code bridge} (as {@link BridgeUplink}, under its revert timer) and the guest's NIC is
     * moved onto that bridge, in one change. For a macvtap guest that must reach its own host.
     */
    record MacvtapToNewBridge(String guest, String mac, String bridge, int confirmWithinSeconds) implements Intent {
        public String describe() {
            return "Move " + guest + "'s NIC " + mac + " off macvtap: bridge its host NIC into " + bridge
                    + " and connect the NIC there";
        }
    }

    /**
     * A new libvirt network. {@code address} is the host's address on it in CIDR form (nat, route, open,
     * isolated); {@code bridge} is the existing Linux bridge (bridge mode) or the name for libvirt's bridge;
     * {@code device} the NIC of a macvtap network (mode private/vepa/passthrough, or bridge without a bridge).
     * {@code address6} is the host's IPv6 address on it with the prefix (fd00:1::1/64), served by libvirt's
     * dnsmasq with router advertisements and, given {@code dhcp6First}/{@code dhcp6Last}, DHCPv6.
     */
    record CreateNetwork(String name, NetworkMode mode, Optional<String> bridge, Optional<String> address,
                         Optional<String> dhcpFirst, Optional<String> dhcpLast, Optional<String> device,
                         Optional<String> address6, Optional<String> dhcp6First, Optional<String> dhcp6Last)
            implements Intent {
        public CreateNetwork {
            // a history written before IPv6 has none
            address6 = address6 == null ? Optional.empty() : address6;
            dhcp6First = dhcp6First == null ? Optional.empty() : dhcp6First;
            dhcp6Last = dhcp6Last == null ? Optional.empty() : dhcp6Last;
        }

        /** An IPv4-only network. */
        public CreateNetwork(String name, NetworkMode mode, Optional<String> bridge, Optional<String> address,
                             Optional<String> dhcpFirst, Optional<String> dhcpLast, Optional<String> device) {
            this(name, mode, bridge, address, dhcpFirst, dhcpLast, device, Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        public String describe() {
            return "Create " + mode.json() + " network " + name + Intent.ipv6Part(address6, dhcp6First, dhcp6Last);
        }
    }

    record DeleteNetwork(String name) implements Intent {
        public String describe() {
            return "Delete network " + name;
        }
    }

    /**
     * Switch a network's forward mode, or edit its addresses. For bridge mode {@code bridge} is the existing Linux
     * bridge; macvtap modes need {@code device}; nat/route/open/isolated keep the network's subnet unless
     * {@code address} (the host's address, CIDR) gives one, and its IPv6 prefix unless {@code address6} gives one
     * ({@link #NO_IPV6}: none). A DHCPv6 range without {@code address6} applies to the prefix the network has.
     */
    record SetNetworkMode(String network, NetworkMode mode, Optional<String> bridge, Optional<String> device,
                          Optional<String> address, Optional<String> address6, Optional<String> dhcp6First,
                          Optional<String> dhcp6Last) implements Intent {
        /** The value of {@code address6} that takes the network's IPv6 away. */
        public static final String NO_IPV6 = "none";

        public SetNetworkMode {
            address6 = address6 == null ? Optional.empty() : address6;
            dhcp6First = dhcp6First == null ? Optional.empty() : dhcp6First;
            dhcp6Last = dhcp6Last == null ? Optional.empty() : dhcp6Last;
        }

        /** The mode alone (the IPv6 prefix stays). */
        public SetNetworkMode(String network, NetworkMode mode, Optional<String> bridge, Optional<String> device,
                              Optional<String> address) {
            this(network, mode, bridge, device, address, Optional.empty(), Optional.empty(), Optional.empty());
        }

        public String describe() {
            return "Switch network " + network + " to " + mode.json() + bridge.map(b -> " over " + b).orElse("")
                    + (address6.filter(NO_IPV6::equals).isPresent() ? ", without IPv6"
                    : Intent.ipv6Part(address6, dhcp6First, dhcp6Last));
        }
    }

    /** ", IPv6 fd00:1::1/64 with DHCPv6 fd00:1::100 - fd00:1::1ff", or nothing. */
    private static String ipv6Part(Optional<String> address6, Optional<String> first, Optional<String> last) {
        return address6.map(a -> ", IPv6 " + a).orElse(first.isPresent() ? ", IPv6" : "")
                + first.map(f -> " with DHCPv6 " + f + " - " + last.orElse("?")).orElse("");
    }

    /**
     * A DHCP reservation. {@code client} is how the server knows the guest: its MAC for an IPv4 address; for an
     * IPv6 one (DHCPv6) its DUID (00:03:00:01:52:54:00:3a:10:01) or, without one, its host name.
     */
    record AddDhcpHost(String network, @JsonAlias("mac") String client, String ip, Optional<String> name)
            implements Intent {
        public String describe() {
            return "Reserve " + ip + " for " + client + name.map(n -> " (" + n + ")").orElse("") + " on " + network;
        }
    }

    /** {@code client}: the reservation's MAC, DUID or (a DHCPv6 one without DUID) host name. */
    record RemoveDhcpHost(String network, @JsonAlias("mac") String client) implements Intent {
        public String describe() {
            return "Remove the DHCP reservation of " + client + " on " + network;
        }
    }

    /** @param zone on a firewalld host, the zone the forward port goes in; "" for the uplink's zone */
    record AddPortForward(String protocol, int hostPort, String guestIp, int guestPort, String zone) implements Intent {
        public AddPortForward {
            zone = zone == null ? "" : zone.strip();
        }

        public AddPortForward(String protocol, int hostPort, String guestIp, int guestPort) {
            this(protocol, hostPort, guestIp, guestPort, "");
        }

        public String describe() {
            return "Forward " + protocol + " port " + hostPort + " to " + guestIp + ":" + guestPort
                    + (zone.isEmpty() ? "" : " in firewalld's " + zone + " zone");
        }
    }

    record RemovePortForward(String protocol, int hostPort, String guestIp, int guestPort) implements Intent {
        public String describe() {
            return "Stop forwarding " + protocol + " port " + hostPort + " to " + guestIp + ":" + guestPort;
        }
    }

    /**
     * Let a bridge's traffic through the host's forward filter (a FORWARD or DOCKER-USER DROP that starves the
     * guests behind it): accept what comes in by the bridge and the replies going back.
     */
    record AcceptBridgeTraffic(String bridge) implements Intent {
        public String describe() {
            return "Let " + bridge + "'s traffic through the host's firewall";
        }
    }

    record RemoveBridgeAccept(String bridge) implements Intent {
        public String describe() {
            return "Stop letting " + bridge + "'s traffic through the host's firewall";
        }
    }

    /**
     * A route of the host's main table, e.g. the default route the kernel dropped when the uplink went down.
     * {@code destination} is "default" or a CIDR; the gateway must lie in a subnet of the device.
     */
    record AddRoute(String destination, Optional<String> gateway, String device, Optional<Integer> metric)
            implements Intent {
        public String describe() {
            return "Add the route " + destination + gateway.map(g -> " via " + g).orElse("") + " on " + device;
        }
    }

    record RemoveRoute(String destination, Optional<String> gateway, String device, Optional<Integer> metric)
            implements Intent {
        public String describe() {
            return "Remove the route " + destination + gateway.map(g -> " via " + g).orElse("") + " on " + device;
        }
    }

    /**
     * Bring the host's uplink back: the link up, and the default route the kernel dropped with it (as Virtwire
     * saw it before) added again.
     */
    record RestoreUplink(String link, String gateway, Optional<Integer> metric) implements Intent {
        public String describe() {
            return "Bring " + link + " up and restore the default route via " + gateway;
        }
    }

    /**
     * Put a guest's NIC on a VLAN of the uplink's trunk in one step: a VLAN link on the trunk (bond0.42), a bridge of
     * its own on it (br42), and the NIC moved onto that bridge. What exists of it already is reused.
     *
     * @param trunk  the link that carries the VLANs; the default route's (a VLAN's parent, a bond) when empty
     * @param bridge the bridge for the VLAN; the one the VLAN link is in, else {@code brID}, when empty
     */
    record PutNicOnVlan(String guest, String mac, int vlan, Optional<String> trunk, Optional<String> bridge)
            implements Intent {
        public String describe() {
            return "Put " + guest + "'s NIC " + mac + " on VLAN " + vlan + trunk.map(t -> " of " + t).orElse("");
        }
    }

    /** The inverse of an applied change, as undo and recovery plan it (not planned from user input). */
    record Undo(String entryId, String title) implements Intent {
        public String describe() {
            return "Undo: " + title;
        }
    }
}
