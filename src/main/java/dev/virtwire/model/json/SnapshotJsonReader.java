package dev.virtwire.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.model.DhcpLease;
import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.Bandwidth;
import dev.virtwire.model.BandwidthLimit;
import dev.virtwire.model.Bond;
import dev.virtwire.model.BondSlave;
import dev.virtwire.model.BridgePort;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.HostInfo;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.KernelSettings;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import dev.virtwire.model.Portgroup;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/** Reads the topology JSON written by {@link TopologyJson} back into a snapshot (the graph is derived again). */
public final class SnapshotJsonReader {
    private SnapshotJsonReader() {
    }

    public static HostSnapshot read(String json) {
        try {
            return read(TopologyJson.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid topology JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static HostSnapshot read(JsonNode root) {
        JsonNode host = root.path("host");
        HostInfo info = new HostInfo(required(host, "name", "host"), text(host, "uri").orElse(""),
                text(host, "libvirt_version"));
        return new HostSnapshot(info, Instant.now(), list(root.path("links"), SnapshotJsonReader::link),
                list(root.path("routes"), SnapshotJsonReader::route), kernel(root.path("kernel")),
                list(root.path("networks"), SnapshotJsonReader::network),
                list(root.path("guests"), SnapshotJsonReader::guest), FirewallJson.read(root.path("firewall")),
                SavedConfigJson.read(root.path("saved_config")),
                list(root.path("gaps"), JsonNode::asText), list(root.path("routes6"), SnapshotJsonReader::route));
    }

    private static Link link(JsonNode o) {
        LinkState state = LinkState.fromJson(o.path("state").asText());
        return new Link(required(o, "name", "link"), LinkKind.fromJson(o.path("kind").asText()), text(o, "mac"),
                // "admin_up": false is a link set down; without it a link that is down counts as set down
                integer(o, "mtu"), state, o.path("admin_up").asBoolean(state != LinkState.DOWN), text(o, "master"),
                text(o, "parent"),
                list(o.path("addresses"), JsonNode::asText), integer(o, "vlan"), bridge(o.path("bridge")),
                port(o.path("port")), bond(o.path("bond")), bondSlave(o.path("bond_slave")), text(o, "vlan_protocol"),
                Ipv6Json.linkAddresses(o.path("addresses6")));
    }

    private static Optional<Bond> bond(JsonNode o) {
        return o.isObject() ? text(o, "mode").map(mode -> new Bond(mode, text(o, "active_slave"),
                text(o, "partner_mac"))) : Optional.empty();
    }

    private static Optional<BondSlave> bondSlave(JsonNode o) {
        return o.isObject() ? Optional.of(new BondSlave(text(o, "state"), text(o, "mii_status"),
                integer(o, "link_failures"))) : Optional.empty();
    }

    private static Optional<BridgeSettings> bridge(JsonNode o) {
        return o.isObject() ? Optional.of(new BridgeSettings(o.path("stp").asBoolean(), integer(o, "forward_delay"),
                o.path("vlan_filtering").asBoolean())) : Optional.empty();
    }

    private static Optional<BridgePort> port(JsonNode o) {
        return o.isObject() ? Optional.of(new BridgePort(text(o, "state"), list(o.path("vlans"), JsonNode::asInt),
                integer(o, "pvid"))) : Optional.empty();
    }

    private static Route route(JsonNode o) {
        return new Route(required(o, "destination", "route"), text(o, "gateway"), text(o, "device"),
                integer(o, "metric"));
    }

    private static VirtualNetwork network(JsonNode o) {
        String name = required(o, "name", "network");
        return new VirtualNetwork(name, text(o, "uuid"), o.path("active").asBoolean(),
                o.path("autostart").asBoolean(), NetworkMode.fromJson(o.path("forward").asText()),
                text(o, "bridge"), list(o.path("devices"), JsonNode::asText),
                list(o.path("ips"), SnapshotJsonReader::networkIp), integer(o, "mtu"), bandwidth(o.path("bandwidth")),
                list(o.path("portgroups"), g -> new Portgroup(required(g, "name", "portgroup"),
                        g.path("default").asBoolean(), list(g.path("vlans"), JsonNode::asInt),
                        bandwidth(g.path("bandwidth")), text(g, "virtualport"))),
                list(o.path("ips6"), SnapshotJsonReader::networkIp),
                list(leases(o, name), l -> lease(l, name)));
    }

    /** Absent or null in a file written before leases were read: none. */
    private static JsonNode leases(JsonNode network, String name) {
        JsonNode leases = network.path("leases");
        if (!leases.isArray() && !leases.isMissingNode() && !leases.isNull()) {
            throw new IllegalArgumentException("topology JSON: the \"leases\" of network '" + name + "' are " + leases
                    + ", not a list of leases ([] for none)");
        }
        return leases;
    }

    /** A refusal names the network and what a lease allows: a lease the host did not hand out is never shown. */
    private static DhcpLease lease(JsonNode l, String network) {
        String what = "topology JSON: a lease of network '" + network + "'";
        if (!l.isObject()) {
            throw new IllegalArgumentException(what + " is " + l + ", not an object with \"mac\", \"ip\", "
                    + "\"expires\" and \"hostname\"");
        }
        String mac = text(l, "mac").orElseThrow(() -> new IllegalArgumentException(what + " has no \"mac\": " + l));
        String ip = text(l, "ip").orElseThrow(() -> new IllegalArgumentException(what + " has no \"ip\": " + l));
        Optional<Instant> expires = text(l, "expires").map(t -> {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(what + " ends at '" + t + "', which is not a time: \"expires\" "
                        + "takes a UTC time such as 2026-12-06T22:10:00Z, or null for a lease that never ends");
            }
        });
        try {
            return new DhcpLease(mac, ip, expires, text(l, "hostname"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }

    private static Optional<Bandwidth> bandwidth(JsonNode o) {
        return o.isObject() ? Optional.of(new Bandwidth(limit(o.path("inbound")), limit(o.path("outbound"))))
                : Optional.empty();
    }

    private static Optional<BandwidthLimit> limit(JsonNode o) {
        return o.isObject() ? Optional.of(new BandwidthLimit(longInteger(o, "average"), longInteger(o, "peak"),
                longInteger(o, "burst"), longInteger(o, "floor"))) : Optional.empty();
    }

    private static NetworkIp networkIp(JsonNode o) {
        JsonNode dhcp = o.path("dhcp");
        return new NetworkIp(required(o, "address", "network ip"),
                list(dhcp.path("ranges"), r -> new DhcpRange(r.path(0).asText(), r.path(1).asText())),
                list(dhcp.path("hosts"), h -> new DhcpHost(text(h, "mac"), required(h, "ip", "dhcp host"),
                        text(h, "name"), text(h, "id"))));
    }

    private static Guest guest(JsonNode o) {
        return new Guest(required(o, "name", "guest"), text(o, "uuid"),
                GuestState.fromJson(o.path("state").asText()), list(o.path("nics"), SnapshotJsonReader::nic));
    }

    private static GuestNic nic(JsonNode o) {
        return new GuestNic(required(o, "mac", "guest nic"), text(o, "model"),
                NicType.fromJson(o.path("type").asText()), text(o, "source"), text(o, "mode"), text(o, "target"),
                !"down".equals(o.path("link").asText()), list(o.path("vlans"), JsonNode::asInt),
                list(o.path("addresses"), a -> new GuestAddress(required(a, "ip", "guest address"),
                        AddressOrigin.fromJson(a.path("origin").asText()))),
                Ipv6Json.guestAddresses(o.path("addresses6")));
    }

    private static KernelSettings kernel(JsonNode o) {
        return new KernelSettings(bool(o, "ip_forward"), bool(o, "bridge_nf_call_iptables"),
                bool(o, "bridge_nf_call_ip6tables"), bool(o, "bridge_nf_call_arptables"),
                list(o.path("not_forwarding"), JsonNode::asText), Ipv6Json.kernel(o.path("ipv6_conf")));
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(item.apply(n)));
        return out;
    }

    private static String required(JsonNode o, String key, String what) {
        return text(o, key).orElseThrow(() -> new IllegalArgumentException(
                "topology JSON: a " + what + " has no \"" + key + "\": " + o));
    }

    static Optional<String> text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() || v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
    }

    static OptionalInt integer(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || !v.canConvertToInt() ? OptionalInt.empty() : OptionalInt.of(v.asInt());
    }

    private static OptionalLong longInteger(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || !v.canConvertToLong() ? OptionalLong.empty() : OptionalLong.of(v.asLong());
    }

    private static Optional<Boolean> bool(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || !v.isBoolean() ? Optional.empty() : Optional.of(v.asBoolean());
    }
}
