package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.SafeXml.attr;
import static dev.virtwire.host.libvirt.SafeXml.child;
import static dev.virtwire.host.libvirt.SafeXml.children;

import dev.virtwire.model.Bandwidth;
import dev.virtwire.model.BandwidthLimit;
import dev.virtwire.model.Portgroup;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.w3c.dom.Element;

/**
 * The parts of a {@code <network>} beyond addressing: {@code <mtu>}, {@code <bandwidth>} and {@code <portgroup>}s.
 * Values that are not plain non-negative numbers are left out rather than refused (the host's XML is what it is).
 */
final class NetworkExtrasXml {
    private NetworkExtrasXml() {
    }

    static OptionalInt mtu(Element network) {
        OptionalLong size = number(attr(child(network, "mtu"), "size"));
        return size.isPresent() && size.getAsLong() <= Integer.MAX_VALUE ? OptionalInt.of((int) size.getAsLong())
                : OptionalInt.empty();
    }

    /** The {@code <bandwidth>} child of a network or portgroup; empty when it has neither direction. */
    static Optional<Bandwidth> bandwidth(Element parent) {
        Optional<Element> b = child(parent, "bandwidth");
        Optional<BandwidthLimit> in = b.flatMap(e -> child(e, "inbound")).map(NetworkExtrasXml::limit);
        Optional<BandwidthLimit> out = b.flatMap(e -> child(e, "outbound")).map(NetworkExtrasXml::limit);
        return in.isEmpty() && out.isEmpty() ? Optional.empty() : Optional.of(new Bandwidth(in, out));
    }

    static List<Portgroup> portgroups(Element network) {
        return children(network, "portgroup").stream().filter(p -> attr(p, "name").isPresent())
                .map(NetworkExtrasXml::portgroup).toList();
    }

    private static Portgroup portgroup(Element p) {
        List<Integer> tags = child(p, "vlan").map(v -> children(v, "tag")).orElse(List.of()).stream()
                .map(t -> number(attr(t, "id"))).filter(id -> id.isPresent() && id.getAsLong() <= 4095)
                .map(id -> (int) id.getAsLong()).toList();
        return new Portgroup(attr(p, "name").get(), attr(p, "default").orElse("no").equals("yes"), tags,
                bandwidth(p), attr(child(p, "virtualport"), "type"));
    }

    private static BandwidthLimit limit(Element e) {
        return new BandwidthLimit(number(attr(e, "average")), number(attr(e, "peak")), number(attr(e, "burst")),
                number(attr(e, "floor")));
    }

    private static OptionalLong number(Optional<String> text) {
        return text.filter(t -> t.matches("\\d{1,18}")).map(t -> OptionalLong.of(Long.parseLong(t)))
                .orElse(OptionalLong.empty());
    }
}
