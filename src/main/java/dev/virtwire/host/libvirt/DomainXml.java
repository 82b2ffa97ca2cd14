package dev.virtwire.host.libvirt;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.Mac;
import dev.virtwire.model.NicType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a libvirt {@code <domain>} to a {@link Guest} with its NICs. Pure: XML text in, records out; unknown
 * elements are ignored, and a NIC that cannot be used (no MAC) is reported instead of failing the guest.
 * Read in one streaming pass ({@link DomainElements}): a host has hundreds of domains, read at every snapshot.
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
        DomainElements domain = DomainElements.read(xml);
        String name = domain.name().orElseThrow(() -> new IllegalArgumentException("domain XML without a <name>"));
        List<String> problems = new ArrayList<>();
        List<GuestNic> nics = new ArrayList<>();
        for (DomainElements.Interface nic : domain.interfaces()) {
            nic(name, nic, problems).ifPresent(nics::add);
        }
        boolean agent = domain.channelTargets().stream()
                .anyMatch(t -> t.attr("name").filter(AGENT_CHANNEL::equals).isPresent()
                        && t.attr("state").filter("connected"::equals).isPresent());
        return new Parsed(new Guest(name, domain.uuid(), state, nics), agent, problems);
    }

    private static Optional<GuestNic> nic(String guest, DomainElements.Interface nic, List<String> problems) {
        String typeName = nic.attr("type").orElse("");
        Optional<String> mac = nic.child("mac").attr("address");
        if (mac.isEmpty() || !Mac.isValid(mac.get())) {
            problems.add("guest " + guest + ": a NIC of type '" + typeName + "' has no usable MAC address ("
                    + mac.orElse("none") + "); it is not shown");
            return Optional.empty();
        }
        NicType type = NicType.fromJson(typeName);
        DomainElements.Attributes source = nic.child("source");
        Optional<String> sourceName = switch (type) {
            case NETWORK -> source.attr("network");
            case BRIDGE -> source.attr("bridge");
            case DIRECT -> source.attr("dev");
            case VHOSTUSER -> source.attr("path");
            case HOSTDEV -> nic.sourceAddress().map(address -> PciAddress.of(address::attr));
            default -> Optional.empty();
        };
        // a network NIC on a macvtap pool shows the pool device's mode in its live source
        Optional<String> mode = switch (type) {
            case DIRECT -> source.attr("mode").or(() -> Optional.of("vepa")); // libvirt's default
            case NETWORK -> source.attr("mode");
            default -> Optional.empty(); // e.g. vhostuser's mode is its socket's client/server role
        };
        Optional<String> target = nic.child("target").attr("dev");
        boolean linkUp = nic.child("link").attr("state").map(s -> !s.equals("down")).orElse(true);
        List<Integer> vlans = nic.vlanTags().stream().map(t -> t.attr("id")).flatMap(Optional::stream)
                .filter(id -> id.matches("\\d{1,4}")).map(Integer::parseInt).toList();
        return Optional.of(new GuestNic(mac.get(), nic.child("model").attr("type"), type, sourceName, mode,
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
