package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.SafeXml.attr;
import static dev.virtwire.host.libvirt.SafeXml.child;
import static dev.virtwire.host.libvirt.SafeXml.children;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.Mac;
import dev.virtwire.model.NicType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Maps a libvirt {@code <domain>} to a {@link Guest} with its NICs. Pure: XML text in, records out; unknown
 * elements are ignored, and a NIC that cannot be used (no MAC) is reported instead of failing the guest.
 */
public final class DomainXml {
    private static final String AGENT_CHANNEL = "org.qemu.guest_agent.0";

    /**
     * @param problems what was left out of this guest, in words for the snapshot's gaps
     * @param agentConnected whether the QEMU guest agent's channel is connected (worth asking it for addresses)
     */
    public record Parsed(Guest guest, boolean agentConnected, List<String> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    private DomainXml() {
    }

    public static Parsed parse(String xml, GuestState state) {
        Element root = SafeXml.parse(xml, "domain XML").getDocumentElement();
        if (!root.getTagName().equals("domain")) {
            throw new IllegalArgumentException("expected a <domain> element, found <" + root.getTagName() + ">");
        }
        String name = SafeXml.text(root, "name").orElseThrow(() -> new IllegalArgumentException(
                "domain XML without a <name>"));
        List<String> problems = new ArrayList<>();
        List<GuestNic> nics = new ArrayList<>();
        boolean agent = false;
        Optional<Element> devices = child(root, "devices");
        if (devices.isPresent()) {
            for (Element nic : children(devices.get(), "interface")) {
                nic(name, nic, problems).ifPresent(nics::add);
            }
            agent = children(devices.get(), "channel").stream().map(c -> child(c, "target"))
                    .flatMap(Optional::stream)
                    .anyMatch(t -> attr(t, "name").filter(AGENT_CHANNEL::equals).isPresent()
                            && attr(t, "state").filter("connected"::equals).isPresent());
        }
        return new Parsed(new Guest(name, SafeXml.text(root, "uuid"), state, nics), agent, problems);
    }

    private static Optional<GuestNic> nic(String guest, Element nic, List<String> problems) {
        String typeName = attr(nic, "type").orElse("");
        Optional<String> mac = attr(child(nic, "mac"), "address");
        if (mac.isEmpty() || !Mac.isValid(mac.get())) {
            problems.add("guest " + guest + ": a NIC of type '" + typeName + "' has no usable MAC address ("
                    + mac.orElse("none") + "); it is not shown");
            return Optional.empty();
        }
        NicType type = NicType.fromJson(typeName);
        Optional<Element> source = child(nic, "source");
        Optional<String> sourceName = switch (type) {
            case NETWORK -> attr(source, "network");
            case BRIDGE -> attr(source, "bridge");
            case DIRECT -> attr(source, "dev");
            case VHOSTUSER -> attr(source, "path");
            case HOSTDEV -> source.flatMap(s -> child(s, "address")).map(PciAddress::of);
            default -> Optional.empty();
        };
        // a network NIC on a macvtap pool shows the pool device's mode in its live source
        Optional<String> mode = switch (type) {
            case DIRECT -> attr(source, "mode").or(() -> Optional.of("vepa")); // libvirt's default
            case NETWORK -> attr(source, "mode");
            default -> Optional.empty(); // e.g. vhostuser's mode is its socket's client/server role
        };
        Optional<String> target = attr(child(nic, "target"), "dev");
        boolean linkUp = attr(child(nic, "link"), "state").map(s -> !s.equals("down")).orElse(true);
        List<Integer> vlans = child(nic, "vlan").map(v -> children(v, "tag")).orElse(List.of()).stream()
                .map(t -> attr(t, "id")).flatMap(Optional::stream).filter(id -> id.matches("\\d{1,4}"))
                .map(Integer::parseInt).toList();
        return Optional.of(new GuestNic(mac.get(), attr(child(nic, "model"), "type"), type, sourceName, mode,
                target, linkUp, vlans, List.of()));
    }

    /**
     * NICs whose running state differs from the saved config: the difference is lost at the next restart
     * (or the config change is not live yet). One line per NIC, in words.
     */
    public static List<String> differences(Guest live, Guest config) {
        List<String> out = new ArrayList<>();
        for (GuestNic nic : live.nics()) {
            Optional<GuestNic> saved = config.nic(nic.mac());
            if (saved.isEmpty()) {
                out.add("guest " + live.name() + ": NIC " + nic.mac() + " is attached to the running guest only; "
                        + "it is gone after the next restart");
            } else if (!describe(saved.get()).equals(describe(nic))) {
                out.add("guest " + live.name() + ": NIC " + nic.mac() + " runs " + describe(nic)
                        + " but its saved config says " + describe(saved.get()) + "; the config wins at the next restart");
            }
        }
        for (GuestNic nic : config.nics()) {
            if (live.nic(nic.mac()).isEmpty()) {
                out.add("guest " + live.name() + ": NIC " + nic.mac() + " is in the saved config only; "
                        + "it appears after the next restart");
            }
        }
        return out;
    }

    private static String describe(GuestNic nic) {
        return nic.type().json() + " " + nic.source().orElse("-") + ", link " + (nic.linkUp() ? "up" : "down")
                + (nic.vlans().isEmpty() ? "" : ", vlans " + nic.vlans());
    }
}
