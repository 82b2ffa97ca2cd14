package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.GuestPath;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.fleet.LanSegment;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How a guest meets the LAN, from the LAN's side: the NIC that does, the address the LAN reaches it at or sees
 * its traffic come from, and the MAC frames for that address carry there. A NIC bridged onto the LAN (or
 * macvtap) is itself on the LAN; a routed network's guest keeps its own address behind its host's MAC; a NAT
 * network's guest shows as its host, and is reached only through a port forward.
 *
 * @param address where the LAN meets the guest (its own address, or its host's LAN address)
 * @param mac     the MAC that answers for {@code address} on the LAN
 * @param how     the way in, in words, for evidence
 * @param hidden  why nothing on the LAN can open a connection to it (NAT without a port forward, isolated)
 */
record Entrance(GuestPath path, Optional<String> address, Optional<String> mac, String how,
                Optional<String> hidden) {

    /** The guest's NIC that best meets the LAN, for traffic towards the guest. */
    static Entrance into(HostSnapshot host, String hostName, Guest guest) {
        if (guest.nics().isEmpty()) {
            throw new IllegalArgumentException("guest '" + guest.name() + "' on " + hostName + " has no network "
                    + "interface to reach");
        }
        return guest.nics().stream().map(n -> of(host, hostName, GuestPath.of(host, guest, n), true))
                .min(Comparator.comparing(e -> e.hidden().isPresent())).orElseThrow();
    }

    /** How this NIC's traffic shows on the LAN (for replies to it), whether or not the LAN could open to it. */
    static Entrance outOf(HostSnapshot host, String hostName, GuestPath path) {
        return of(host, hostName, path, false);
    }

    private static Entrance of(HostSnapshot host, String hostName, GuestPath path, boolean inbound) {
        GuestNic nic = path.nic();
        Optional<String> own = nic.addresses().stream().flatMap(a -> Ipv4.tryParse(a.ip()).stream())
                .map(Ipv4::ip).findFirst();
        Optional<LanSegment.Uplink> lan = LanSegment.of(host);
        Optional<String> hostAddress = lan.map(u -> Ipv4.parse(u.address()).ip());
        Optional<String> hostMac = lan.flatMap(u -> host.link(u.link())).flatMap(Link::mac);
        String guest = path.guest().name() + " (NIC " + nic.mac() + ")";
        if (path.wiring() == GuestPath.Wiring.BRIDGED || path.wiring() == GuestPath.Wiring.MACVTAP) {
            return new Entrance(path, own, Optional.of(nic.mac()), guest + " is on the LAN itself ("
                    + path.wiring().name().toLowerCase(java.util.Locale.ROOT) + " via "
                    + String.join(", ", path.uplinks()) + ")", Optional.empty());
        }
        Optional<NetworkMode> mode = path.mode();
        String network = path.network().map(n -> n.name()).orElse("?");
        if (mode.filter(m -> m == NetworkMode.ROUTE || m == NetworkMode.OPEN).isPresent()) {
            return new Entrance(path, own, hostMac, guest + " is on " + hostName + "'s routed network " + network
                    + ": the LAN reaches it through " + hostName + " (" + hostAddress.orElse("no LAN address")
                    + ")", Optional.empty());
        }
        if (mode.filter(m -> m == NetworkMode.NAT).isPresent()) {
            List<PortForward> forwards = forwardsTo(host, path);
            String shows = guest + " is behind NAT network " + network + ": it shows on the LAN as " + hostName
                    + " (" + hostAddress.orElse("no LAN address") + ")";
            if (!inbound) {
                return new Entrance(path, hostAddress, hostMac, shows, Optional.empty());
            }
            if (!forwards.isEmpty()) {
                // a forward limited by source reaches only those: say so, never as one for everyone
                return new Entrance(path, hostAddress, hostMac, shows + ", port forwards " + forwards.stream()
                        .map(f -> f.protocol() + " " + f.hostPort() + " -> " + f.guestPort()
                                + fromOnly(PortForward.sourceOf(host.firewall(), f))).toList(),
                        Optional.empty());
            }
            return new Entrance(path, hostAddress, hostMac, shows, Optional.of(guest + " is behind NAT network "
                    + network + " on " + hostName + " and no port forward leads to it: nothing outside "
                    + hostName + " can open a connection to it"));
        }
        return new Entrance(path, hostAddress, hostMac, guest + " is on " + network + " of " + hostName,
                Optional.of(guest + " is on " + (mode.map(m -> m.json() + " network " + network)
                        .orElse("no network the troubleshooter follows (" + nic.type().json() + ")")) + " on "
                        + hostName + ": nothing outside " + hostName + " reaches it"));
    }

    /** The port forwards on the host to the NIC's own IPv4 address: the ways in to a guest behind NAT. */
    static List<PortForward> forwardsTo(HostSnapshot host, GuestPath path) {
        if (path.mode().filter(m -> m == NetworkMode.NAT).isEmpty()) {
            return List.of();
        }
        Optional<String> own = path.nic().addresses().stream().flatMap(a -> Ipv4.tryParse(a.ip()).stream())
                .map(Ipv4::ip).findFirst();
        return PortForward.all(host.firewall()).stream().filter(f -> own.filter(f.guestIp()::equals).isPresent())
                .toList();
    }

    static String fromOnly(String from) {
        return from.isEmpty() ? "" : " (from " + from + " only)";
    }
}
