package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.SafeXml.attr;
import static dev.virtwire.host.libvirt.SafeXml.child;
import static dev.virtwire.host.libvirt.SafeXml.children;

import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.NetworkIp;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * An IPv6 {@code <ip family='ipv6' address prefix>} of a libvirt network with its DHCPv6 service: ranges, and
 * hosts named by DUID ({@code id}) or name, never by MAC. libvirt's default prefix is 64. Addresses are kept in
 * canonical form (compressed, lower case), so one address is written one way whatever the XML says.
 */
final class NetworkIp6Xml {
    private static final int LIBVIRT_DEFAULT_PREFIX = 64;

    private NetworkIp6Xml() {
    }

    static Optional<NetworkIp> ip(Element ip) {
        Optional<IpAddress> address = attr(ip, "address").flatMap(IpAddress::tryParse)
                .filter(a -> a.family() == IpAddress.Family.IPV6);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> prefix = attr(ip, "prefix").filter(v -> v.matches("\\d{1,3}")).map(Integer::parseInt)
                .filter(p -> p <= 128);
        String cidr = IpAddress.of(address.get().ip(), prefix.orElse(LIBVIRT_DEFAULT_PREFIX)).toString();
        Optional<Element> dhcp = child(ip, "dhcp");
        List<DhcpRange> ranges = dhcp.map(d -> children(d, "range")).orElse(List.of()).stream()
                .flatMap(r -> canonical(attr(r, "start")).flatMap(first -> canonical(attr(r, "end"))
                        .map(last -> new DhcpRange(first, last))).stream())
                .toList();
        List<DhcpHost> hosts = dhcp.map(d -> children(d, "host")).orElse(List.of()).stream()
                .flatMap(h -> canonical(attr(h, "ip")).map(a -> new DhcpHost(Optional.empty(), a, attr(h, "name"),
                        attr(h, "id"))).stream())
                .toList();
        return Optional.of(new NetworkIp(cidr, ranges, hosts));
    }

    private static Optional<String> canonical(Optional<String> address) {
        return address.flatMap(IpAddress::tryParse).filter(a -> a.family() == IpAddress.Family.IPV6)
                .map(IpAddress::ip);
    }
}
