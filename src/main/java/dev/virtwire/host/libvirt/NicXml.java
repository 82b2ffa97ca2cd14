package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.SafeXml.attr;
import static dev.virtwire.host.libvirt.SafeXml.child;
import static dev.virtwire.host.libvirt.SafeXml.children;

import dev.virtwire.host.HostException;
import dev.virtwire.host.LibvirtXml;
import dev.virtwire.model.Mac;
import dev.virtwire.model.NicType;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code <interface>} XML sent to {@code virDomainUpdateDeviceFlags}: the NIC's current element with what
 * a libvirt call's XML ({@link dev.virtwire.host.LibvirtCalls}) names taken over, everything else (PCI address,
 * target, driver, alias) kept, since update-device must not change those. Built with DOM, never by pasting
 * strings. Pure.
 */
public final class NicXml {
    private NicXml() {
    }

    /**
     * The NIC with this MAC in the domain XML, changed as {@code change} says: its {@code type} attribute when
     * it has one, and each of its child elements but {@code <mac>} in place of the current ones of that name. A
     * new source drops the libvirt-managed state of the old attachment ({@code <actual>}).
     */
    public static String merge(String domainXml, String mac, String change) {
        Element nic = find(domainXml, mac);
        Element wanted = SafeXml.parse(change, "the NIC change").getDocumentElement();
        attr(wanted, "type").ifPresent(t -> nic.setAttribute("type", t));
        for (Element part : elements(wanted)) {
            String tag = part.getTagName();
            if (tag.equals("mac")) {
                continue;
            }
            if (tag.equals("source")) {
                children(nic, "actual").forEach(nic::removeChild);
            }
            Element imported = (Element) nic.getOwnerDocument().importNode(part, true);
            List<Element> current = children(nic, tag);
            if (!current.isEmpty()) {
                nic.replaceChild(imported, current.get(0));
                current.subList(1, current.size()).forEach(nic::removeChild);
            } else if (tag.equals("source")) {
                Element mark = child(nic, "mac").orElse(null);
                nic.insertBefore(imported, mark == null ? nic.getFirstChild() : mark.getNextSibling());
            } else {
                nic.appendChild(imported);
            }
        }
        return SafeXml.write(nic);
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Whether the NIC is a macvtap now (a direct NIC, or one on a network whose devices are macvtaps): libvirt
     * cannot update such a NIC into a tap or back, only unplug and plug it.
     */
    public static boolean isMacvtap(String domainXml, String mac) {
        Element nic = find(domainXml, mac);
        return "direct".equals(nic.getAttribute("type"))
                || attr(child(nic, "actual"), "type").filter("direct"::equals).isPresent()
                || attr(child(nic, "target"), "dev").filter(d -> d.startsWith("macvtap")).isPresent();
    }

    /**
     * The NIC retargeted as a new device to plug in: the same MAC, model and PCI slot, without the names
     * libvirt gave the old device (its host-side device and alias), which the new one must not claim.
     */
    public static String replugged(String domainXml, String mac, NicType type, String source) {
        return fresh(merge(domainXml, mac, LibvirtXml.nicSource(mac, type, source)));
    }

    /**
     * The NIC with a new MAC, to plug in where the old one was unplugged: everything else as it is (model, source,
     * PCI slot), without the old device's names (as above).
     */
    public static String withMac(String domainXml, String mac, String newMac) {
        Element nic = SafeXml.parse(pluggedBack(domainXml, mac), "interface XML").getDocumentElement();
        child(nic, "mac").orElseThrow().setAttribute("address", Mac.normalize(newMac));
        // a network NIC's port on its network was the old device's (deleted with it): the new one gets its own
        child(nic, "source").ifPresent(source -> source.removeAttribute("portid"));
        return SafeXml.write(nic);
    }

    /** The NIC as it is, to plug back in after an unplug (without the old device's names, as above). */
    public static String pluggedBack(String domainXml, String mac) {
        return fresh(SafeXml.write(find(domainXml, mac)));
    }

    private static String fresh(String interfaceXml) {
        Element nic = SafeXml.parse(interfaceXml, "interface XML").getDocumentElement();
        children(nic, "target").forEach(nic::removeChild);
        children(nic, "alias").forEach(nic::removeChild);
        children(nic, "actual").forEach(nic::removeChild);
        return SafeXml.write(nic);
    }

    /** The NIC's own element, as libvirt's detach wants it. */
    public static String element(String domainXml, String mac) {
        return SafeXml.write(find(domainXml, mac));
    }

    /** Whether the guest's XML still has a NIC with this MAC. */
    public static boolean has(String domainXml, String mac) {
        String wanted = Mac.normalize(mac);
        Element root = SafeXml.parse(domainXml, "domain XML").getDocumentElement();
        return child(root, "devices").map(d -> children(d, "interface")).orElse(List.of()).stream()
                .anyMatch(n -> attr(child(n, "mac"), "address").filter(Mac::isValid).map(Mac::normalize)
                        .filter(wanted::equals).isPresent());
    }

    private static Element find(String domainXml, String mac) {
        String wanted = Mac.normalize(mac);
        Document doc = SafeXml.parse(domainXml, "domain XML");
        Element root = doc.getDocumentElement();
        String guest = SafeXml.text(root, "name").orElse("?");
        List<Element> nics = child(root, "devices").map(d -> children(d, "interface")).orElse(List.of());
        return nics.stream()
                .filter(n -> attr(child(n, "mac"), "address").filter(Mac::isValid).map(Mac::normalize)
                        .filter(wanted::equals).isPresent())
                .findFirst().orElseThrow(() -> new HostException("guest " + guest + " has no NIC with MAC " + wanted
                        + "; its NICs are " + nics.stream().map(n -> attr(child(n, "mac"), "address").orElse("?"))
                        .toList()));
    }
}
