package dev.virtwire.host;

import dev.virtwire.model.Bandwidth;
import dev.virtwire.model.BandwidthLimit;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import dev.virtwire.model.Portgroup;
import dev.virtwire.model.VirtualNetwork;
import java.io.StringWriter;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The libvirt XML of the writer primitives (interfaces, networks, DHCP hosts), written with StAX so that no
 * name or address can break out of its attribute. Real hosts send it; previews show it.
 */
public final class LibvirtXml {
    private LibvirtXml() {
    }

    /** A guest's {@code <interface>} pointing at its (new) source, MAC and model kept. */
    public static String nicInterface(GuestNic nic) {
        return write(w -> {
            w.writeStartElement("interface");
            w.writeAttribute("type", nic.type().json());
            empty(w, "mac", "address", nic.mac());
            String sourceAttribute = nic.type() == NicType.NETWORK ? "network" : nic.type() == NicType.BRIDGE ? "bridge"
                    : "dev";
            w.writeEmptyElement("source");
            w.writeAttribute(sourceAttribute, nic.source().orElse(""));
            if (nic.type() == NicType.DIRECT) {
                w.writeAttribute("mode", nic.directMode().orElse("bridge"));
            }
            if (nic.model().isPresent()) {
                empty(w, "model", "type", nic.model().get());
            }
            empty(w, "link", "state", nic.linkUp() ? "up" : "down");
            w.writeEndElement();
        });
    }

    /**
     * A NIC's {@code <interface>} naming only its MAC, type and source: what changes when it moves (its model,
     * link state, PCI address and target are the NIC's own and stay). A host device is attached as macvtap in
     * bridge mode.
     */
    public static String nicSource(String mac, NicType type, String source) {
        return write(w -> {
            w.writeStartElement("interface");
            w.writeAttribute("type", type.json());
            empty(w, "mac", "address", mac);
            w.writeEmptyElement("source");
            w.writeAttribute(type == NicType.NETWORK ? "network" : type == NicType.BRIDGE ? "bridge" : "dev", source);
            if (type == NicType.DIRECT) {
                w.writeAttribute("mode", "bridge");
            }
            w.writeEndElement();
        });
    }

    /** A NIC's {@code <interface>} naming only its MAC and link state: what changes when its cable is (un)plugged. */
    public static String nicLink(String mac, boolean up) {
        return write(w -> {
            w.writeStartElement("interface");
            empty(w, "mac", "address", mac);
            empty(w, "link", "state", up ? "up" : "down");
            w.writeEndElement();
        });
    }

    public static String dhcpHost(DhcpHost host) {
        return write(w -> {
            w.writeEmptyElement("host");
            if (host.id().isPresent()) {
                w.writeAttribute("id", host.id().get());
            }
            if (host.mac().isPresent()) {
                w.writeAttribute("mac", host.mac().get());
            }
            if (host.name().isPresent()) {
                w.writeAttribute("name", host.name().get());
            }
            w.writeAttribute("ip", host.ip());
        });
    }

    /** A whole {@code <network>} definition. */
    public static String network(VirtualNetwork n) {
        return network(n, java.util.Optional.empty());
    }

    /** A whole {@code <network>} definition, its bridge with this MAC (libvirt picks one when there is none). */
    public static String network(VirtualNetwork n, java.util.Optional<String> bridgeMac) {
        return write(w -> {
            w.writeStartElement("network");
            element(w, "name", n.name());
            if (n.uuid().isPresent()) {
                element(w, "uuid", n.uuid().get());
            }
            forward(w, n);
            if (n.bridge().isPresent()) {
                w.writeEmptyElement("bridge");
                w.writeAttribute("name", n.bridge().get());
                if (n.mode() != NetworkMode.BRIDGE) {
                    w.writeAttribute("stp", "on");
                    w.writeAttribute("delay", "0");
                }
            }
            if (bridgeMac.isPresent() && n.mode() != NetworkMode.BRIDGE && !n.mode().isDirect()) {
                empty(w, "mac", "address", bridgeMac.get());
            }
            if (n.mtu().isPresent()) {
                empty(w, "mtu", "size", Integer.toString(n.mtu().getAsInt()));
            }
            bandwidth(w, n.bandwidth());
            for (Portgroup p : n.portgroups()) {
                portgroup(w, p);
            }
            for (NetworkIp ip : n.ips()) {
                Ipv4 address = Ipv4.parse(ip.address());
                w.writeStartElement("ip");
                w.writeAttribute("address", address.ip());
                w.writeAttribute("prefix", Integer.toString(address.prefix()));
                dhcp(w, ip);
                w.writeEndElement();
            }
            for (NetworkIp ip : n.ips6()) {
                IpAddress address = IpAddress.parse(ip.address());
                w.writeStartElement("ip");
                w.writeAttribute("family", "ipv6");
                w.writeAttribute("address", address.ip());
                w.writeAttribute("prefix", Integer.toString(address.prefix()));
                dhcp(w, ip);
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** An {@code <ip>}'s DHCP (or DHCPv6) service; a DHCPv6 host is named by its DUID, {@code id}. */
    private static void dhcp(XMLStreamWriter w, NetworkIp ip) throws XMLStreamException {
        if (!ip.hasDhcp()) {
            return;
        }
        w.writeStartElement("dhcp");
        for (DhcpRange r : ip.dhcpRanges()) {
            w.writeEmptyElement("range");
            w.writeAttribute("start", r.first());
            w.writeAttribute("end", r.last());
        }
        for (DhcpHost h : ip.dhcpHosts()) {
            w.writeEmptyElement("host");
            h.id().ifPresent(id -> attribute(w, "id", id));
            h.mac().ifPresent(m -> attribute(w, "mac", m));
            h.name().ifPresent(m -> attribute(w, "name", m));
            w.writeAttribute("ip", h.ip());
        }
        w.writeEndElement();
    }

    private static void forward(XMLStreamWriter w, VirtualNetwork n) throws XMLStreamException {
        if (n.mode() == NetworkMode.ISOLATED) {
            return;
        }
        boolean hasDevices = !n.devices().isEmpty();
        boolean pool = n.mode().isDirect() || (n.mode() == NetworkMode.BRIDGE && n.bridge().isEmpty());
        if (!hasDevices || (!pool && n.mode() == NetworkMode.BRIDGE)) {
            empty(w, "forward", "mode", n.mode().json());
            return;
        }
        w.writeStartElement("forward");
        w.writeAttribute("mode", n.mode().json());
        if (pool) {
            for (String device : n.devices()) {
                empty(w, "interface", "dev", device);
            }
        } else {
            w.writeAttribute("dev", n.devices().get(0));
        }
        w.writeEndElement();
    }

    private static void portgroup(XMLStreamWriter w, Portgroup p) throws XMLStreamException {
        w.writeStartElement("portgroup");
        w.writeAttribute("name", p.name());
        if (p.isDefault()) {
            w.writeAttribute("default", "yes");
        }
        if (p.virtualportType().isPresent()) {
            empty(w, "virtualport", "type", p.virtualportType().get());
        }
        if (!p.vlanTags().isEmpty()) {
            w.writeStartElement("vlan");
            if (p.vlanTags().size() > 1) {
                w.writeAttribute("trunk", "yes");
            }
            for (int tag : p.vlanTags()) {
                empty(w, "tag", "id", Integer.toString(tag));
            }
            w.writeEndElement();
        }
        bandwidth(w, p.bandwidth());
        w.writeEndElement();
    }

    private static void bandwidth(XMLStreamWriter w, Optional<Bandwidth> bandwidth) throws XMLStreamException {
        if (bandwidth.isEmpty()) {
            return;
        }
        w.writeStartElement("bandwidth");
        limit(w, "inbound", bandwidth.get().inbound());
        limit(w, "outbound", bandwidth.get().outbound());
        w.writeEndElement();
    }

    private static void limit(XMLStreamWriter w, String direction, Optional<BandwidthLimit> limit)
            throws XMLStreamException {
        if (limit.isEmpty()) {
            return;
        }
        w.writeEmptyElement(direction);
        limit.get().average().ifPresent(v -> attribute(w, "average", Long.toString(v)));
        limit.get().peak().ifPresent(v -> attribute(w, "peak", Long.toString(v)));
        limit.get().burst().ifPresent(v -> attribute(w, "burst", Long.toString(v)));
        limit.get().floor().ifPresent(v -> attribute(w, "floor", Long.toString(v)));
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            body.write(w);
            // closes whatever is still open, including a top-level empty element such as <host .../>
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write libvirt XML", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static void empty(XMLStreamWriter w, String name, String attribute, String value) throws XMLStreamException {
        w.writeEmptyElement(name);
        w.writeAttribute(attribute, value);
    }

    private static void attribute(XMLStreamWriter w, String name, String value) {
        try {
            w.writeAttribute(name, value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write libvirt XML", e);
        }
    }
}
