package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.SafeXml.attr;
import static dev.virtwire.host.libvirt.SafeXml.child;
import static dev.virtwire.host.libvirt.SafeXml.children;

import dev.virtwire.host.HostException;
import dev.virtwire.model.Mac;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the {@code <interface>} XML for {@code virDomainUpdateDeviceFlags} from a guest's current XML: the
 * same element (MAC, model, PCI address, target kept) with one thing changed. Built with DOM, never by
 * pasting strings. Pure.
 */
public final class NicXml {
    private NicXml() {
    }

    /** The NIC pointed at another network, bridge or host device (macvtap, bridge mode). */
    public static String retarget(String domainXml, String mac, NicType type, String source) {
        Element nic = find(domainXml, mac);
        String sourceAttr = switch (type) {
            case NETWORK -> "network";
            case BRIDGE -> "bridge";
            case DIRECT -> "dev";
            default -> throw new IllegalArgumentException("a NIC can be attached to a network, a bridge or a host "
                    + "device (direct/macvtap), not to '" + type.json() + "'");
        };
        if (source.isBlank()) {
            throw new IllegalArgumentException("the " + sourceAttr + " to attach to is empty");
        }
        Optional<String> oldMode = attr(child(nic, "source"), "mode");
        nic.setAttribute("type", type.json());
        children(nic, "source").forEach(nic::removeChild);
        // libvirt-managed state of the old attachment must not travel with the NIC
        children(nic, "actual").forEach(nic::removeChild);
        Element src = nic.getOwnerDocument().createElement("source");
        src.setAttribute(sourceAttr, source);
        if (type == NicType.DIRECT) {
            src.setAttribute("mode", oldMode.orElse("bridge"));
        }
        Element mark = child(nic, "mac").orElse(null);
        nic.insertBefore(src, mark == null ? nic.getFirstChild() : mark.getNextSibling());
        return SafeXml.write(nic);
    }

    /** The NIC with its virtual cable plugged ({@code <link state='up'/>}) or unplugged. */
    public static String withLink(String domainXml, String mac, boolean up) {
        Element nic = find(domainXml, mac);
        Element link = child(nic, "link").orElseGet(() -> {
            Element l = nic.getOwnerDocument().createElement("link");
            nic.appendChild(l);
            return l;
        });
        link.setAttribute("state", up ? "up" : "down");
        return SafeXml.write(nic);
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
        return fresh(retarget(domainXml, mac, type, source));
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
