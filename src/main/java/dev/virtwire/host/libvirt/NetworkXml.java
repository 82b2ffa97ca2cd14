package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.SafeXml.attr;
import static dev.virtwire.host.libvirt.SafeXml.child;
import static dev.virtwire.host.libvirt.SafeXml.children;

import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Mac;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Maps a libvirt {@code <network>} definition to a {@link VirtualNetwork}. Pure: XML text in, record out;
 * elements it does not know are ignored (MTU, bandwidth and portgroups: {@link NetworkExtrasXml};
 * IPv6 {@code <ip>}s: {@link NetworkIp6Xml}). No {@code <forward>} is libvirt's isolated network.
 */
public final class NetworkXml {
    private NetworkXml() {
    }

    public static VirtualNetwork parse(String xml, boolean active, boolean autostart) {
        Element root = SafeXml.parse(xml, "network XML").getDocumentElement();
        if (!root.getTagName().equals("network")) {
            throw new IllegalArgumentException("expected a <network> element, found <" + root.getTagName() + ">");
        }
        String name = SafeXml.text(root, "name").orElseThrow(() -> new IllegalArgumentException(
                "network XML without a <name>"));
        Optional<Element> forward = child(root, "forward");
        NetworkMode mode = forward.map(f -> NetworkMode.fromJson(attr(f, "mode").orElse("nat")))
                .orElse(NetworkMode.ISOLATED);
        return new VirtualNetwork(name, SafeXml.text(root, "uuid"), active, autostart, mode,
                attr(child(root, "bridge"), "name"), forward.map(NetworkXml::devices).orElse(List.of()),
                children(root, "ip").stream().filter(ip -> !isIpv6(ip)).map(NetworkXml::ip).flatMap(Optional::stream)
                        .toList(),
                NetworkExtrasXml.mtu(root), NetworkExtrasXml.bandwidth(root), NetworkExtrasXml.portgroups(root),
                children(root, "ip").stream().filter(NetworkXml::isIpv6).map(NetworkIp6Xml::ip)
                        .flatMap(Optional::stream).toList());
    }

    /**
     * The host devices the network uses: the outgoing device of nat/route ({@code <forward dev>}), the macvtap
     * pool ({@code <interface dev>}), an SR-IOV physical function ({@code <pf dev>}) or VF PCI addresses.
     */
    private static List<String> devices(Element forward) {
        List<String> out = new ArrayList<>();
        children(forward, "interface").forEach(i -> attr(i, "dev").ifPresent(out::add));
        children(forward, "pf").forEach(p -> attr(p, "dev").ifPresent(out::add));
        for (Element a : children(forward, "address")) {
            if (attr(a, "type").orElse("pci").equals("pci")) {
                out.add(PciAddress.of(name -> attr(a, name)));
            }
        }
        attr(forward, "dev").filter(d -> !out.contains(d)).ifPresent(d -> out.add(0, d));
        return out;
    }

    /** libvirt's {@code family} defaults to ipv4; an address with a colon is IPv6 whatever it says. */
    private static boolean isIpv6(Element ip) {
        return attr(ip, "family").orElse("ipv4").equals("ipv6") || attr(ip, "address").orElse("").contains(":");
    }

    /** An IPv4 {@code <ip>} with its DHCP service (IPv6 ones: {@link NetworkIp6Xml}). */
    private static Optional<NetworkIp> ip(Element ip) {
        Optional<Ipv4> address = attr(ip, "address").flatMap(Ipv4::tryParse);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int prefix = attr(ip, "prefix").filter(v -> v.matches("\\d{1,2}")).map(Integer::parseInt)
                .or(() -> attr(ip, "netmask").flatMap(Ipv4::tryParse).map(m -> Long.bitCount(m.address())))
                .orElse(classfulPrefix(address.get()));
        Optional<Element> dhcp = child(ip, "dhcp");
        List<DhcpRange> ranges = dhcp.map(d -> children(d, "range")).orElse(List.of()).stream()
                .filter(r -> attr(r, "start").isPresent() && attr(r, "end").isPresent())
                .map(r -> new DhcpRange(attr(r, "start").get(), attr(r, "end").get())).toList();
        List<DhcpHost> hosts = dhcp.map(d -> children(d, "host")).orElse(List.of()).stream()
                .filter(h -> attr(h, "ip").isPresent())
                .map(h -> new DhcpHost(attr(h, "mac").filter(Mac::isValid), attr(h, "ip").get(), attr(h, "name")))
                .toList();
        return Optional.of(new NetworkIp(address.get().ip() + "/" + prefix, ranges, hosts));
    }

    /** libvirt's default when neither prefix nor netmask is given. */
    private static int classfulPrefix(Ipv4 a) {
        long first = a.address() >>> 24;
        return first < 128 ? 8 : first < 192 ? 16 : 24;
    }
}
