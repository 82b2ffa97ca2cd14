package dev.virtwire.host.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.model.Bond;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.BondSlave;
import dev.virtwire.model.BridgePort;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.Mac;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Maps {@code ip -j -d link} and {@code ip -j addr} output to links. Pure: text in, records out. */
public final class LinkTable {
    private LinkTable() {
    }

    /**
     * @param ipLink the output of {@code ip -j -d link}
     * @param ipAddr the output of {@code ip -j addr} (IPv4 addresses as {@code addresses}, IPv6 ones as
     *               {@code addresses6})
     */
    public static List<Link> links(String ipLink, String ipAddr) {
        return links(JsonInput.array(ipLink, "ip -j -d link", READ), JsonInput.array(ipAddr, "ip -j addr", READ));
    }

    /** The output of {@code ip -j -d addr}, which carries both: parsed once (it is a megabyte at 1,000 links). */
    public static List<Link> links(String ipDetailedAddr) {
        List<JsonNode> both = JsonInput.array(ipDetailedAddr, "ip -j -d addr", READ);
        return links(both, both);
    }

    /** What the mapping below reads of each link; the rest of {@code ip -d}'s details is skipped unread. */
    private static final Set<String> READ = Set.of("ifname", "link_type", "flags", "address", "mtu", "operstate",
            "master", "link", "addr_info", "linkinfo.info_kind", "linkinfo.info_data.type", "linkinfo.info_data.id",
            "linkinfo.info_data.stp_state", "linkinfo.info_data.forward_delay", "linkinfo.info_data.vlan_filtering",
            "linkinfo.info_slave_kind", "linkinfo.info_slave_data.state", "linkinfo.info_data.protocol",
            "linkinfo.info_data.mode", "linkinfo.info_data.active_slave", "linkinfo.info_data.ad_info.partner_mac",
            "linkinfo.info_slave_data.mii_status", "linkinfo.info_slave_data.link_failure_count");

    private static List<Link> links(List<JsonNode> ipLink, List<JsonNode> ipAddr) {
        Map<String, List<String>> addresses = addresses(ipAddr, "inet", 32);
        Map<String, List<String>> addresses6 = addresses(ipAddr, "inet6", 128);
        List<Link> out = new ArrayList<>();
        for (JsonNode o : ipLink) {
            Optional<Link> link = link(o, addresses);
            link.map(l -> l.withAddresses6(addresses6.getOrDefault(l.name(), List.of()))).ifPresent(out::add);
        }
        return out;
    }

    /** One family's addresses per link, as ip prints them (IPv4) or in canonical form (IPv6, one spelling). */
    private static Map<String, List<String>> addresses(List<JsonNode> ipAddr, String family, int hostPrefix) {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode o : ipAddr) {
            String name = o.path("ifname").asText();
            for (JsonNode a : o.path("addr_info")) {
                if (a.path("family").asText().equals(family) && a.has("local")) {
                    String cidr = a.path("local").asText() + "/" + a.path("prefixlen").asInt(hostPrefix);
                    Optional<String> kept = family.equals("inet6")
                            ? IpAddress.tryParse(cidr).map(IpAddress::toString) : Optional.of(cidr);
                    kept.ifPresent(k -> out.computeIfAbsent(name, n -> new ArrayList<>()).add(k));
                }
            }
        }
        return out;
    }

    private static Optional<Link> link(JsonNode o, Map<String, List<String>> addresses) {
        Optional<String> name = JsonInput.text(o, "ifname");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        JsonNode info = o.path("linkinfo");
        LinkKind kind = kind(o, info);
        List<String> flags = JsonInput.strings(o.path("flags"));
        Optional<String> mac = JsonInput.text(o, "address").filter(Mac::isValid);
        OptionalInt vlan = kind == LinkKind.VLAN ? JsonInput.integer(info.path("info_data"), "id") : OptionalInt.empty();
        // "link" is the lower device of a VLAN/macvtap and the peer of a veth; "if123" when it lives elsewhere
        Optional<String> parent = JsonInput.text(o, "link");
        Link base = new Link(name.get(), kind, mac, JsonInput.integer(o, "mtu"), state(o), flags.contains("UP"),
                JsonInput.text(o, "master"), parent, addresses.getOrDefault(name.get(), List.of()), vlan);
        Optional<String> protocol = kind == LinkKind.VLAN ? JsonInput.text(info.path("info_data"), "protocol")
                : Optional.empty();
        return Optional.of(base.withBridge(bridgeSettings(info)).withPort(port(info))
                .withBond(bond(info), bondSlave(info)).withVlanProtocol(protocol));
    }

    static LinkKind kind(JsonNode o, JsonNode info) {
        if (o.path("link_type").asText().equals("loopback")) {
            return LinkKind.LOOPBACK;
        }
        String kind = info.path("info_kind").asText("");
        return switch (kind) {
            case "" -> o.path("link_type").asText().equals("ether") ? LinkKind.PHYSICAL : LinkKind.OTHER;
            case "bridge" -> LinkKind.BRIDGE;
            case "veth" -> LinkKind.VETH;
            case "macvtap" -> LinkKind.MACVTAP;
            case "vlan" -> LinkKind.VLAN;
            case "bond" -> LinkKind.BOND;
            case "dummy" -> LinkKind.DUMMY;
            case "tun" -> info.path("info_data").path("type").asText().equals("tap") ? LinkKind.TAP : LinkKind.OTHER;
            default -> LinkKind.OTHER;
        };
    }

    private static LinkState state(JsonNode o) {
        String state = o.path("operstate").asText("UNKNOWN");
        return switch (state) {
            case "UP" -> LinkState.UP;
            case "DOWN", "LOWERLAYERDOWN", "NOTPRESENT" -> LinkState.DOWN;
            default -> LinkState.UNKNOWN;
        };
    }

    private static Optional<BridgeSettings> bridgeSettings(JsonNode info) {
        if (!info.path("info_kind").asText().equals("bridge")) {
            return Optional.empty();
        }
        JsonNode data = info.path("info_data");
        return Optional.of(new BridgeSettings(data.path("stp_state").asInt(0) != 0,
                JsonInput.integer(data, "forward_delay"), data.path("vlan_filtering").asInt(0) != 0));
    }

    private static Optional<BridgePort> port(JsonNode info) {
        if (!info.path("info_slave_kind").asText().equals("bridge")) {
            return Optional.empty();
        }
        return Optional.of(new BridgePort(JsonInput.text(info.path("info_slave_data"), "state"), List.of(),
                OptionalInt.empty()));
    }

    private static Optional<Bond> bond(JsonNode info) {
        if (!info.path("info_kind").asText().equals("bond")) {
            return Optional.empty();
        }
        JsonNode data = info.path("info_data");
        return JsonInput.text(data, "mode").map(mode -> new Bond(mode, JsonInput.text(data, "active_slave"),
                JsonInput.text(data.path("ad_info"), "partner_mac").filter(Mac::isValid)));
    }

    private static Optional<BondSlave> bondSlave(JsonNode info) {
        if (!info.path("info_slave_kind").asText().equals("bond")) {
            return Optional.empty();
        }
        JsonNode data = info.path("info_slave_data");
        return Optional.of(new BondSlave(JsonInput.text(data, "state"), JsonInput.text(data, "mii_status"),
                JsonInput.integer(data, "link_failure_count")));
    }
}
