package dev.virtwire.bench;

import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Grows the lab into a large host: many defined guests with two NICs each (some running, without an OS:
 * QEMU processes with taps are what discovery sees) and many kernel links in the lab namespace.
 */
final class ScaleLab {
    static final String GUEST_PREFIX = "scale-";
    static final String LINK_PREFIX = "vws";

    private final String uri;
    private final String netns;
    /** Which lab host (0 for the first): it keeps the guests' MACs apart between hosts. */
    private final int host;
    /** Whether the host has the bridge br0 for the second NIC (the first lab host); else it is on default too. */
    private final boolean withBridge;

    ScaleLab(String uri, String netns) {
        this(uri, netns, 0, true);
    }

    ScaleLab(String uri, String netns, int host, boolean withBridge) {
        this.uri = uri;
        this.netns = netns;
        this.host = host;
        this.withBridge = withBridge;
    }

    /** Defines {@code guests} guests (two NICs each) and starts {@code running} of them. */
    List<String> defineGuests(int guests, int running) throws LibvirtException {
        Connect libvirt = new Connect(uri);
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < guests; i++) {
                String name = String.format(Locale.ROOT, "%s%03d", GUEST_PREFIX, i);
                Domain domain = libvirt.domainDefineXML(domainXml(name, i));
                if (i < running) {
                    domain.create();
                }
                domain.free();
                names.add(name);
            }
        } finally {
            libvirt.close();
        }
        return names;
    }

    /**
     * Adds kernel links with one {@code ip -batch}: per group a bridge and three veth pairs, one end of two of
     * them in the bridge: 7 links a group. (Only bridges and veths: some kernels here lack dummy links.)
     */
    int addLinks(int groups) throws IOException {
        StringBuilder batch = new StringBuilder();
        for (int g = 0; g < groups; g++) {
            String br = LINK_PREFIX + "br" + g;
            batch.append("link add ").append(br).append(" type bridge\n");
            for (int v = 0; v < 3; v++) {
                String a = LINK_PREFIX + g + "v" + v + "a";
                String b = LINK_PREFIX + g + "v" + v + "b";
                batch.append("link add ").append(a).append(" type veth peer name ").append(b).append('\n');
                if (v < 2) {
                    batch.append("link set ").append(a).append(" master ").append(br).append('\n');
                }
            }
        }
        Path file = Files.createTempFile("virtwire-scale", ".ip");
        try {
            Files.writeString(file, batch);
            new CommandRunner(new Target.Local(), Duration.ofMinutes(5))
                    .output(List.of("ip", "-n", netns, "-batch", file.toString()));
        } finally {
            Files.deleteIfExists(file);
        }
        return groups * 7;
    }

    /** A guest with no disk and no kernel: QEMU runs (so taps exist) and firmware finds nothing to boot. */
    private String domainXml(String name, int index) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element domain = doc.createElement("domain");
            domain.setAttribute("type", "qemu");
            doc.appendChild(domain);
            text(doc, domain, "name", name);
            Element memory = text(doc, domain, "memory", "32");
            memory.setAttribute("unit", "MiB");
            text(doc, domain, "vcpu", "1");
            Element os = doc.createElement("os");
            Element type = text(doc, os, "type", "hvm");
            type.setAttribute("arch", "x86_64");
            domain.appendChild(os);
            Element devices = doc.createElement("devices");
            domain.appendChild(devices);
            nic(doc, devices, "network", "network", "default", mac(index, 0));
            if (withBridge) {
                nic(doc, devices, "bridge", "bridge", "br0", mac(index, 1));
            } else {
                nic(doc, devices, "network", "network", "default", mac(index, 1));
            }
            Element graphics = doc.createElement("graphics");
            graphics.setAttribute("type", "none");
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void nic(Document doc, Element devices, String type, String attribute, String source, String mac) {
        Element nic = doc.createElement("interface");
        nic.setAttribute("type", type);
        Element src = doc.createElement("source");
        src.setAttribute(attribute, source);
        nic.appendChild(src);
        Element address = doc.createElement("mac");
        address.setAttribute("address", mac);
        nic.appendChild(address);
        Element model = doc.createElement("model");
        model.setAttribute("type", "virtio");
        nic.appendChild(model);
        devices.appendChild(nic);
    }

    private String mac(int guest, int nic) {
        return String.format(Locale.ROOT, "52:54:00:%02x:%02x:%02x", 0xa0 + 2 * host + nic, (guest >> 8) & 255,
                guest & 255);
    }

    private static Element text(Document doc, Element parent, String tag, String value) {
        Element e = doc.createElement(tag);
        e.setTextContent(value);
        parent.appendChild(e);
        return e;
    }
}
