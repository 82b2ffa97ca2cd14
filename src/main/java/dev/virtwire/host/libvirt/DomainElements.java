package dev.virtwire.host.libvirt;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The parts of a libvirt {@code <domain>} that {@link DomainXml} maps, read in one streaming pass: at hundreds
 * of domains per snapshot a DOM costs twice the time. The XML comes from a host and is not trusted: a DOCTYPE
 * is refused, and no entity or external resource is ever read. Where libvirt writes one element, the first
 * one counts, as a DOM lookup would have it.
 */
final class DomainElements {
    /**
     * One parser factory per reading thread, each reusing its one reader: making a reader costs as much as
     * reading a domain with it, and a host has hundreds of domains. (A factory is not safe to share.)
     */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(DomainElements::factory);

    private String name; // null until read
    private String uuid;
    private final List<Interface> interfaces = new ArrayList<>();
    private final List<Attributes> channelTargets = new ArrayList<>();

    /** An element's attributes; blank values count as absent, others are trimmed. */
    record Attributes(Map<String, String> values) {
        static final Attributes NONE = new Attributes(Map.of());

        Optional<String> attr(String attribute) {
            String v = values.get(attribute);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }

        private static Attributes of(XMLStreamReader r) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < r.getAttributeCount(); i++) {
                values.putIfAbsent(r.getAttributeLocalName(i), r.getAttributeValue(i));
            }
            return new Attributes(values);
        }
    }

    /** One {@code <interface>}: its attributes, its first child of each name, its VLAN tags, its source's address. */
    static final class Interface {
        private final Attributes self;
        private final Map<String, Attributes> children = new HashMap<>();
        private final List<Attributes> vlanTags = new ArrayList<>();
        private Attributes sourceAddress;

        private Interface(Attributes self) {
            this.self = self;
        }

        Optional<String> attr(String attribute) {
            return self.attr(attribute);
        }

        Attributes child(String tag) {
            return children.getOrDefault(tag, Attributes.NONE);
        }

        /** The {@code <tag>} elements of the first {@code <vlan>}. */
        List<Attributes> vlanTags() {
            return vlanTags;
        }

        /** The {@code <address>} inside the first {@code <source>} (a host device's PCI address). */
        Optional<Attributes> sourceAddress() {
            return Optional.ofNullable(sourceAddress);
        }
    }

    private DomainElements() {
    }

    Optional<String> name() {
        return trimmed(name);
    }

    Optional<String> uuid() {
        return trimmed(uuid);
    }

    /** The {@code <interface>} elements of the first {@code <devices>}, in document order. */
    List<Interface> interfaces() {
        return interfaces;
    }

    /** The {@code <target>} of each {@code <channel>} in the first {@code <devices>}. */
    List<Attributes> channelTargets() {
        return channelTargets;
    }

    /** @throws IllegalArgumentException when the text is not well-formed XML, has a DOCTYPE or is no domain */
    static DomainElements read(String xml) {
        DomainElements out = new DomainElements();
        try {
            XMLStreamReader r = FACTORY.get().createXMLStreamReader(new StringReader(xml));
            try {
                out.readAll(r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
            String message = e.getMessage() == null ? "" : e.getMessage();
            // the JDK's message repeats the position before the words that matter
            int words = message.indexOf("Message: ");
            throw new IllegalArgumentException("domain XML is not well-formed XML" + where + ": "
                    + (words >= 0 ? message.substring(words + "Message: ".length()) : message).strip(), e);
        }
        return out;
    }

    /** Where the reader is, by depth: 1 the domain, 2 its children, 3 a device, 4 a device's children. */
    private void readAll(XMLStreamReader r) throws XMLStreamException {
        int depth = 0;
        boolean devicesSeen = false;
        boolean inDevices = false;
        StringBuilder text = null; // the text of the <name> or <uuid> being read
        String textOf = null;
        Interface nic = null;
        boolean inChannel = false;
        boolean channelTargetSeen = false;
        String nicChild = null; // the first <vlan> or <source> of the NIC, while inside it
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.DTD) {
                throw new IllegalArgumentException("domain XML has a DOCTYPE, which libvirt never writes: refused "
                        + "(its entities are never read)");
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                if (text != null) {
                    text.append(r.getText());
                }
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String tag = r.getLocalName();
                if (depth == 1 && !tag.equals("domain")) {
                    throw new IllegalArgumentException("expected a <domain> element, found <" + tag + ">");
                } else if (depth == 2) {
                    boolean first = tag.equals("name") ? name == null : tag.equals("uuid") && uuid == null;
                    textOf = first ? tag : null;
                    text = first ? new StringBuilder() : null;
                    inDevices = tag.equals("devices") && !devicesSeen;
                    devicesSeen |= inDevices;
                } else if (depth == 3 && inDevices) {
                    nic = tag.equals("interface") ? new Interface(Attributes.of(r)) : null;
                    inChannel = tag.equals("channel");
                    channelTargetSeen = false;
                    if (nic != null) {
                        interfaces.add(nic);
                    }
                } else if (depth == 4 && nic != null) {
                    boolean first = !nic.children.containsKey(tag);
                    if (first) {
                        nic.children.put(tag, Attributes.of(r));
                    }
                    nicChild = first && (tag.equals("vlan") || tag.equals("source")) ? tag : null;
                } else if (depth == 4 && inChannel && tag.equals("target") && !channelTargetSeen) {
                    channelTargets.add(Attributes.of(r));
                    channelTargetSeen = true;
                } else if (depth == 5 && "vlan".equals(nicChild) && tag.equals("tag")) {
                    nic.vlanTags.add(Attributes.of(r));
                } else if (depth == 5 && "source".equals(nicChild) && tag.equals("address")) {
                    nic.sourceAddress = nic.sourceAddress == null ? Attributes.of(r) : nic.sourceAddress;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth == 1) {
                    if ("name".equals(textOf)) {
                        name = text.toString();
                    } else if ("uuid".equals(textOf)) {
                        uuid = text.toString();
                    }
                    text = null;
                    textOf = null;
                    inDevices = false;
                } else if (depth == 2) {
                    nic = null;
                    inChannel = false;
                } else if (depth == 3) {
                    nicChild = null;
                }
            }
        }
    }

    private static Optional<String> trimmed(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        try {
            f.setProperty("reuse-instance", true); // the JDK's own factory: a closed reader is reset and reused
        } catch (IllegalArgumentException e) {
            // another StAX implementation: a new reader each time
        }
        return f;
    }
}
