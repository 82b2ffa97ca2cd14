package dev.virtwire.host.libvirt;

import dev.virtwire.host.LibvirtXml;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A changed network definition made from the network's own XML, not from the model: only the forward mode,
 * the bridge and (when they change) the addresses are replaced, so whatever Virtwire does not model (the
 * bridge's MAC, DNS, domain, MTU, port groups) stays. Bridge and macvtap networks cannot have addresses,
 * DNS, a domain or a MAC of their own: those go when switching to such a mode.
 */
final class NetworkRedefinition {
    private static final List<String> OWN_NETWORK_ONLY = List.of("ip", "mac", "dns", "domain");

    private NetworkRedefinition() {
    }

    static String merge(String currentXml, VirtualNetwork wanted) {
        Document doc = SafeXml.parse(currentXml, "the definition of network " + wanted.name());
        Element root = doc.getDocumentElement();
        Element fresh = SafeXml.parse(LibvirtXml.network(wanted), "the new definition").getDocumentElement();
        boolean ownsBridge = wanted.mode() == NetworkMode.NAT || wanted.mode() == NetworkMode.ROUTE
                || wanted.mode() == NetworkMode.OPEN || wanted.mode() == NetworkMode.ISOLATED;

        replace(doc, root, fresh, "forward");
        if (ownsBridge) {
            Element bridge = SafeXml.child(root, "bridge").orElse(null);
            Element wantedBridge = SafeXml.child(fresh, "bridge").orElseThrow();
            if (bridge == null) {
                root.appendChild(doc.importNode(wantedBridge, true));
            } else {
                bridge.setAttribute("name", wantedBridge.getAttribute("name"));
            }
            if (!sameAddresses(root, fresh)) {
                replace(doc, root, fresh, "ip");
            } else if (!ipv6(root).equals(ipv6(fresh))) {
                replaceIpv6(doc, root, fresh);
            }
        } else {
            OWN_NETWORK_ONLY.forEach(tag -> SafeXml.children(root, tag).forEach(root::removeChild));
            replace(doc, root, fresh, "bridge");
        }
        return SafeXml.write(root);
    }

    /** Replaces every child with this tag by the fresh definition's, in the place of the first old one. */
    private static void replace(Document doc, Element root, Element fresh, String tag) {
        List<Element> old = SafeXml.children(root, tag);
        Node anchor = old.isEmpty() ? null : old.get(0);
        for (Element f : SafeXml.children(fresh, tag)) {
            Node imported = doc.importNode(f, true);
            if (anchor != null) {
                root.insertBefore(imported, anchor);
            } else {
                root.appendChild(imported);
            }
        }
        old.forEach(root::removeChild);
    }

    /**
     * Only the IPv6 {@code <ip>}s, where an edit changed their DHCPv6 service but no address: the IPv4 ones keep
     * what Virtwire does not model.
     */
    private static void replaceIpv6(Document doc, Element root, Element fresh) {
        List<Element> old = SafeXml.children(root, "ip").stream().filter(NetworkRedefinition::isIpv6).toList();
        List<Element> all = SafeXml.children(root, "ip");
        Node anchor = old.isEmpty() ? (all.isEmpty() ? null : all.get(all.size() - 1).getNextSibling()) : old.get(0);
        for (Element f : SafeXml.children(fresh, "ip").stream().filter(NetworkRedefinition::isIpv6).toList()) {
            root.insertBefore(doc.importNode(f, true), anchor);
        }
        old.forEach(root::removeChild);
    }

    private static boolean isIpv6(Element ip) {
        return ip.getAttribute("family").equals("ipv6");
    }

    /** The IPv6 {@code <ip>}s as the model reads them (canonical addresses, ranges, hosts). */
    private static List<dev.virtwire.model.NetworkIp> ipv6(Element network) {
        return SafeXml.children(network, "ip").stream().filter(NetworkRedefinition::isIpv6)
                .flatMap(ip -> NetworkIp6Xml.ip(ip).stream()).toList();
    }

    private static boolean sameAddresses(Element root, Element fresh) {
        return addresses(root).equals(addresses(fresh));
    }

    private static List<String> addresses(Element network) {
        return SafeXml.children(network, "ip").stream().map(ip -> ip.getAttribute("address") + "/" + prefix(ip)).toList();
    }

    /** libvirt accepts prefix='24' or netmask='255.255.255.0'. */
    private static String prefix(Element ip) {
        if (!ip.getAttribute("prefix").isEmpty() || ip.getAttribute("netmask").isEmpty()) {
            return ip.getAttribute("prefix");
        }
        return dev.virtwire.model.Ipv4.tryParse(ip.getAttribute("netmask"))
                .map(m -> Integer.toString(Long.bitCount(m.address()))).orElse(ip.getAttribute("netmask"));
    }
}
