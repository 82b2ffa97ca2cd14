package dev.virtwire.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv6Conf;
import dev.virtwire.model.KernelSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IPv6 keys of the topology JSON, written beside the IPv4 ones, never in them (a script that reads
 * {@code addresses} as IPv4 keeps working): {@code links[].addresses6}, {@code guests[].nics[].addresses6},
 * {@code routes6} (written with the IPv4 route shape) and {@code kernel.ipv6_conf}. Read back by
 * {@link SnapshotJsonReader}.
 */
final class Ipv6Json {
    private Ipv6Json() {
    }

    /** A link's addresses with their scope: {@code global}, {@code link} (fe80::/10) or {@code host} (::1). */
    static void linkAddresses(ArrayNode out, List<String> addresses6) {
        for (String a : addresses6) {
            out.addObject().put("address", a).put("scope", scope(a));
        }
    }

    static List<String> linkAddresses(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> SnapshotJsonReader.text(a, "address").ifPresent(out::add));
        return out;
    }

    private static String scope(String address) {
        Optional<IpAddress> ip = IpAddress.tryParse(address);
        if (ip.map(i -> i.value().isLoopback()).orElse(false)) {
            return "host";
        }
        return ip.map(IpAddress::isLinkLocal).orElse(false) ? "link" : "global";
    }

    static void guestAddresses(ArrayNode out, List<GuestAddress> addresses6) {
        addresses6.forEach(a -> out.addObject().put("ip", a.ip()).put("origin", a.origin().json()));
    }

    static List<GuestAddress> guestAddresses(JsonNode array) {
        List<GuestAddress> out = new ArrayList<>();
        array.forEach(a -> SnapshotJsonReader.text(a, "ip").ifPresent(ip -> out.add(new GuestAddress(ip,
                AddressOrigin.fromJson(a.path("origin").asText())))));
        return out;
    }

    static void kernel(ArrayNode out, KernelSettings kernel) {
        for (Ipv6Conf c : kernel.ipv6()) {
            ObjectNode o = out.addObject().put("name", c.name());
            bool(o, "forwarding", c.forwarding());
            TopologyJson.number(o, "accept_ra", c.acceptRa());
            bool(o, "disable_ipv6", c.disabled());
        }
    }

    static List<Ipv6Conf> kernel(JsonNode array) {
        List<Ipv6Conf> out = new ArrayList<>();
        array.forEach(c -> SnapshotJsonReader.text(c, "name").ifPresent(name -> out.add(new Ipv6Conf(name,
                bool(c, "forwarding"), SnapshotJsonReader.integer(c, "accept_ra"), bool(c, "disable_ipv6")))));
        return out;
    }

    private static void bool(ObjectNode o, String key, Optional<Boolean> value) {
        if (value.isPresent()) {
            o.put(key, value.get());
        } else {
            o.putNull(key);
        }
    }

    private static Optional<Boolean> bool(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || !v.isBoolean() ? Optional.empty() : Optional.of(v.asBoolean());
    }
}
