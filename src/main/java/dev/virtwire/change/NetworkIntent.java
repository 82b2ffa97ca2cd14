package dev.virtwire.change;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.virtwire.model.NetworkMode;
import java.util.Optional;

/**
 * What the user wants of libvirt's virtual networks: made, deleted, started, stopped, their mode, DHCP
 * reservations.
 */
public sealed interface NetworkIntent extends Intent {
    record SetNetworkActive(String network, boolean active) implements NetworkIntent {
        public String describe() {
            return (active ? "Start" : "Stop") + " network " + network;
        }
    }

    /** Stop and start: libvirt sets up the network's dnsmasq and firewall rules again; guests are plugged back. */
    record RestartNetwork(String network) implements NetworkIntent {
        public String describe() {
            return "Restart network " + network + " (running guests are plugged back in)";
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
            implements NetworkIntent {
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
            return "Create " + mode.json() + " network " + name
                    + NetworkIntent.ipv6Part(address6, dhcp6First, dhcp6Last);
        }
    }

    record DeleteNetwork(String name) implements NetworkIntent {
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
                          Optional<String> dhcp6Last) implements NetworkIntent {
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
                    : NetworkIntent.ipv6Part(address6, dhcp6First, dhcp6Last));
        }
    }

    /**
     * A DHCP reservation. {@code client} is how the server knows the guest: its MAC for an IPv4 address; for an
     * IPv6 one (DHCPv6) its DUID (00:03:00:01:52:54:00:3a:10:01) or, without one, its host name.
     */
    record AddDhcpHost(String network, @JsonAlias("mac") String client, String ip, Optional<String> name)
            implements NetworkIntent {
        public String describe() {
            return "Reserve " + ip + " for " + client + name.map(n -> " (" + n + ")").orElse("") + " on " + network;
        }
    }

    /** {@code client}: the reservation's MAC, DUID or (a DHCPv6 one without DUID) host name. */
    record RemoveDhcpHost(String network, @JsonAlias("mac") String client) implements NetworkIntent {
        public String describe() {
            return "Remove the DHCP reservation of " + client + " on " + network;
        }
    }

    /** ", IPv6 fd00:1::1/64 with DHCPv6 fd00:1::100 - fd00:1::1ff", or nothing. */
    private static String ipv6Part(Optional<String> address6, Optional<String> first, Optional<String> last) {
        return address6.map(a -> ", IPv6 " + a).orElse(first.isPresent() ? ", IPv6" : "")
                + first.map(f -> " with DHCPv6 " + f + " - " + last.orElse("?")).orElse("");
    }
}
