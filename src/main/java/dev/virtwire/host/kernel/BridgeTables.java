package dev.virtwire.host.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.model.BridgePort;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.Mac;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code bridge -j link}, {@code bridge -j vlan} and {@code bridge -j fdb} add to the links: port
 * states, the VLANs each port carries, and which port a MAC was last seen on. Pure.
 */
public final class BridgeTables {
    private BridgeTables() {
    }

    /** A forwarding database entry: frames for {@code mac} leave the bridge through {@code port}. */
    public record FdbEntry(String mac, String port, Optional<String> bridge, OptionalInt vlan, boolean local) {
    }

    /** The links with their bridge port state and VLANs filled in from the bridge tool's tables. */
    public static List<Link> withPorts(List<Link> links, String bridgeLink, String bridgeVlan) {
        Map<String, String> states = new HashMap<>();
        for (JsonNode o : JsonInput.array(bridgeLink, "bridge -j link")) {
            JsonInput.text(o, "ifname").ifPresent(n -> JsonInput.text(o, "state").ifPresent(s -> states.put(n, s)));
        }
        Map<String, List<Integer>> vlans = new HashMap<>();
        Map<String, Integer> pvids = new HashMap<>();
        for (JsonNode o : JsonInput.array(bridgeVlan, "bridge -j vlan")) {
            String name = o.path("ifname").asText();
            for (JsonNode v : o.path("vlans")) {
                int first = v.path("vlan").asInt();
                int last = v.path("vlanEnd").asInt(first);
                for (int id = first; id <= last; id++) {
                    vlans.computeIfAbsent(name, k -> new ArrayList<>()).add(id);
                }
                if (JsonInput.strings(v.path("flags")).contains("PVID")) {
                    pvids.put(name, first);
                }
            }
        }
        return links.stream().map(l -> withPort(l, states, vlans, pvids)).toList();
    }

    private static Link withPort(Link l, Map<String, String> states, Map<String, List<Integer>> vlans,
                                 Map<String, Integer> pvids) {
        // a bridge lists its own host-facing VLANs too; only ports get a port record
        if (l.kind() == LinkKind.BRIDGE || !states.containsKey(l.name()) && !vlans.containsKey(l.name())) {
            return l;
        }
        BridgePort port = l.port().orElse(new BridgePort(Optional.empty(), List.of(), OptionalInt.empty()));
        if (states.containsKey(l.name())) {
            port = new BridgePort(Optional.of(states.get(l.name())), port.vlans(), port.pvid());
        }
        if (vlans.containsKey(l.name())) {
            Integer pvid = pvids.get(l.name());
            port = port.withVlans(vlans.get(l.name()), pvid == null ? OptionalInt.empty() : OptionalInt.of(pvid));
        }
        return l.withPort(Optional.of(port));
    }

    public static List<FdbEntry> fdb(String bridgeFdb) {
        List<FdbEntry> out = new ArrayList<>();
        for (JsonNode o : JsonInput.array(bridgeFdb, "bridge -j fdb")) {
            Optional<String> mac = JsonInput.text(o, "mac").filter(Mac::isValid);
            Optional<String> port = JsonInput.text(o, "ifname");
            if (mac.isEmpty() || port.isEmpty() || mac.get().startsWith("33:33") || mac.get().startsWith("01:00:5e")) {
                continue;
            }
            List<String> flags = JsonInput.strings(o.path("flags"));
            boolean local = o.path("state").asText().equals("permanent") || flags.contains("self");
            out.add(new FdbEntry(Mac.normalize(mac.get()), port.get(), JsonInput.text(o, "master"),
                    JsonInput.integer(o, "vlan"), local));
        }
        return out;
    }
}
