package dev.virtwire.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.model.DhcpLease;
import dev.virtwire.model.Bandwidth;
import dev.virtwire.model.Bond;
import dev.virtwire.model.BondSlave;
import dev.virtwire.model.BandwidthLimit;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.Portgroup;
import dev.virtwire.model.Route;
import dev.virtwire.model.Uplinks;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.model.topology.Topology;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The topology JSON: a public contract for scripts. Keys may be added, never change meaning.
 * Unknown values are {@code null}, absent lists {@code []}. {@link SnapshotJsonReader} reads it back.
 */
public final class TopologyJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TopologyJson() {
    }

    public static String toText(HostSnapshot snapshot) {
        try {
            return MAPPER.writeValueAsString(toJson(snapshot));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write topology JSON", e);
        }
    }

    /** The JSON written to {@code out} as it is made (1 MB at 500 guests), which stays open. */
    public static void write(HostSnapshot snapshot, Writer out) throws IOException {
        MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, toJson(snapshot));
        out.write(System.lineSeparator());
    }

    public static ObjectNode toJson(HostSnapshot s) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode host = root.putObject("host");
        host.put("name", s.host().name());
        host.put("uri", s.host().uri());
        host.put("libvirt_version", s.host().libvirtVersion().orElse(null));
        Uplinks uplinks = Uplinks.of(s);
        s.links().forEach(l -> link(root.withArray("links").addObject(), s, uplinks, l));
        root.withArray("links");
        s.networks().forEach(n -> network(root.withArray("networks").addObject(), n));
        root.withArray("networks");
        s.guests().forEach(g -> guest(root.withArray("guests").addObject(), g));
        root.withArray("guests");
        graph(root.putObject("graph"), Topology.of(s));
        s.routes().forEach(r -> route(root.withArray("routes").addObject(), r));
        root.withArray("routes");
        s.routes6().forEach(r -> route(root.withArray("routes6").addObject(), r));
        root.withArray("routes6");
        kernel(root.putObject("kernel"), s);
        FirewallJson.write(root.putObject("firewall"), s.firewall());
        SavedConfigJson.write(root, s.saved());
        strings(root.putArray("gaps"), s.gaps());
        return root;
    }

    private static void link(ObjectNode o, HostSnapshot s, Uplinks uplinks, Link l) {
        o.put("name", l.name());
        o.put("kind", l.kind().json());
        o.put("mac", l.mac().orElse(null));
        number(o, "mtu", l.mtu());
        o.put("state", l.state().json());
        o.put("master", l.master().orElse(null));
        strings(o.putArray("addresses"), l.addresses());
        Ipv6Json.linkAddresses(o.putArray("addresses6"), l.addresses6());
        o.put("parent", l.parent().orElse(null));
        number(o, "vlan", l.vlanId());
        o.put("vlan_protocol", l.vlanProtocol().orElse(null));
        o.put("uplink", uplinks.carriesDefaultRoute(l));
        if (l.bond().isPresent()) {
            Bond b = l.bond().get();
            o.putObject("bond").put("mode", b.mode()).put("active_slave", b.activeSlave().orElse(null))
                    .put("partner_mac", b.partnerMac().orElse(null));
        } else {
            o.putNull("bond");
        }
        if (l.bondSlave().isPresent()) {
            BondSlave b = l.bondSlave().get();
            ObjectNode slave = o.putObject("bond_slave").put("state", b.state().orElse(null))
                    .put("mii_status", b.miiStatus().orElse(null));
            number(slave, "link_failures", b.linkFailures());
        } else {
            o.putNull("bond_slave");
        }
        if (l.bridge().isPresent()) {
            ObjectNode b = o.putObject("bridge");
            b.put("stp", l.bridge().get().stp());
            number(b, "forward_delay", l.bridge().get().forwardDelay());
            b.put("vlan_filtering", l.bridge().get().vlanFiltering());
        } else {
            o.putNull("bridge");
        }
        if (l.port().isPresent()) {
            ObjectNode p = o.putObject("port");
            p.put("state", l.port().get().state().orElse(null));
            ArrayNode vlans = p.putArray("vlans");
            l.port().get().vlans().forEach(vlans::add);
            number(p, "pvid", l.port().get().pvid());
        } else {
            o.putNull("port");
        }
        SavedConfigJson.link(o, s, l);
    }

    private static void network(ObjectNode o, VirtualNetwork n) {
        o.put("name", n.name());
        o.put("uuid", n.uuid().orElse(null));
        o.put("active", n.active());
        o.put("autostart", n.autostart());
        o.put("forward", n.mode().json());
        o.put("bridge", n.bridge().orElse(null));
        strings(o.putArray("devices"), n.devices());
        ips(o.putArray("ips"), n.ips(), false);
        number(o, "mtu", n.mtu());
        bandwidth(o, n.bandwidth());
        ArrayNode groups = o.putArray("portgroups");
        for (Portgroup p : n.portgroups()) {
            ObjectNode g = groups.addObject().put("name", p.name()).put("default", p.isDefault());
            ArrayNode vlans = g.putArray("vlans");
            p.vlanTags().forEach(vlans::add);
            bandwidth(g, p.bandwidth());
            g.put("virtualport", p.virtualportType().orElse(null));
        }
        ips(o.putArray("ips6"), n.ips6(), true);
        ArrayNode leases = o.putArray("leases");
        for (DhcpLease l : n.leases()) {
            leases.addObject().put("mac", l.mac()).put("ip", l.ip())
                    .put("expires", l.expires().map(Object::toString).orElse(null))
                    .put("hostname", l.hostname().orElse(null));
        }
    }

    /**
     * A network's {@code <ip>}s of one family: {@code ips} (IPv4, as it always was) or {@code ips6} (IPv6, whose
     * DHCPv6 hosts also carry the client's DUID as {@code id}).
     */
    static void ips(ArrayNode ips, java.util.List<NetworkIp> all, boolean ipv6) {
        for (NetworkIp ip : all) {
            ObjectNode i = ips.addObject();
            i.put("address", ip.address());
            if (!ip.hasDhcp()) {
                i.putNull("dhcp");
                continue;
            }
            ObjectNode dhcp = i.putObject("dhcp");
            ArrayNode ranges = dhcp.putArray("ranges");
            ip.dhcpRanges().forEach(r -> ranges.addArray().add(r.first()).add(r.last()));
            ArrayNode hosts = dhcp.putArray("hosts");
            for (var h : ip.dhcpHosts()) {
                ObjectNode host = hosts.addObject().put("mac", h.mac().orElse(null)).put("ip", h.ip())
                        .put("name", h.name().orElse(null));
                if (ipv6) {
                    host.put("id", h.id().orElse(null));
                }
            }
        }
    }

    /** libvirt's units: average, peak, floor in KiB/s, burst in KiB. */
    private static void bandwidth(ObjectNode o, Optional<Bandwidth> bandwidth) {
        if (bandwidth.isEmpty()) {
            o.putNull("bandwidth");
            return;
        }
        ObjectNode b = o.putObject("bandwidth");
        limit(b, "inbound", bandwidth.get().inbound());
        limit(b, "outbound", bandwidth.get().outbound());
    }

    private static void limit(ObjectNode o, String key, Optional<BandwidthLimit> limit) {
        if (limit.isEmpty()) {
            o.putNull(key);
            return;
        }
        ObjectNode l = o.putObject(key);
        number(l, "average", limit.get().average());
        number(l, "peak", limit.get().peak());
        number(l, "burst", limit.get().burst());
        number(l, "floor", limit.get().floor());
    }

    private static void guest(ObjectNode o, Guest g) {
        o.put("name", g.name());
        o.put("uuid", g.uuid().orElse(null));
        o.put("state", g.state().json());
        ArrayNode nics = o.putArray("nics");
        for (GuestNic nic : g.nics()) {
            ObjectNode n = nics.addObject();
            n.put("mac", nic.mac());
            n.put("model", nic.model().orElse(null));
            n.put("type", nic.type().json());
            n.put("source", nic.source().orElse(null));
            n.put("mode", nic.directMode().orElse(null));
            n.put("target", nic.target().orElse(null));
            n.put("link", nic.linkUp() ? "up" : "down");
            ArrayNode vlans = n.putArray("vlans");
            nic.vlans().forEach(vlans::add);
            ArrayNode addresses = n.putArray("addresses");
            for (GuestAddress a : nic.addresses()) {
                addresses.addObject().put("ip", a.ip()).put("origin", a.origin().json());
            }
            Ipv6Json.guestAddresses(n.putArray("addresses6"), nic.addresses6());
        }
    }

    private static void graph(ObjectNode o, Topology t) {
        ArrayNode nodes = o.putArray("nodes");
        t.nodes().forEach(n -> nodes.addObject().put("id", n.id().text()).put("kind", n.kind().json()).put("label", n.label()));
        ArrayNode edges = o.putArray("edges");
        t.edges().forEach(e -> edges.addObject().put("from", e.from().text()).put("to", e.to().text()).put("kind", e.kind().json()));
    }

    private static void route(ObjectNode o, Route r) {
        o.put("destination", r.destination());
        o.put("gateway", r.gateway().orElse(null));
        o.put("device", r.device().orElse(null));
        number(o, "metric", r.metric());
    }

    private static void kernel(ObjectNode o, HostSnapshot s) {
        bool(o, "ip_forward", s.kernel().ipForward());
        bool(o, "bridge_nf_call_iptables", s.kernel().bridgeNfCallIptables());
        bool(o, "bridge_nf_call_ip6tables", s.kernel().bridgeNfCallIp6tables());
        bool(o, "bridge_nf_call_arptables", s.kernel().bridgeNfCallArptables());
        s.kernel().notForwarding().forEach(o.putArray("not_forwarding")::add);
        o.withArray("not_forwarding");
        Ipv6Json.kernel(o.putArray("ipv6_conf"), s.kernel());
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    static void number(ObjectNode o, String key, OptionalInt value) {
        if (value.isPresent()) {
            o.put(key, value.getAsInt());
        } else {
            o.putNull(key);
        }
    }

    private static void number(ObjectNode o, String key, OptionalLong value) {
        if (value.isPresent()) {
            o.put(key, value.getAsLong());
        } else {
            o.putNull(key);
        }
    }

    private static void bool(ObjectNode o, String key, Optional<Boolean> value) {
        if (value.isPresent()) {
            o.put(key, value.get());
        } else {
            o.putNull(key);
        }
    }
}
