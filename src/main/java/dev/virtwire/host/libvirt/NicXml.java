package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.SafeXml.attr;
import static dev.virtwire.host.libvirt.SafeXml.child;
import static dev.virtwire.host.libvirt.SafeXml.children;

import dev.virtwire.host.HostException;
import dev.virtwire.model.Mac;
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
