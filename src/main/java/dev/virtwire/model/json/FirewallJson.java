package dev.virtwire.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.model.DockerDaemon;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.FirewallToolFound;
import dev.virtwire.model.Ipv6Filter;
import dev.virtwire.model.PacketCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The JSON object "firewall": backend, IPv4 policies, rules and chains, managers, and "ipv6" holding the
 * IPv6 filter's policies, rules and chains in the same form, and "docker_daemon" (what /etc/docker/daemon.json says of
 * Docker's firewall) where that file was read. Written and read back.
 */
final class FirewallJson {
    private FirewallJson() {
    }

    static void write(ObjectNode o, FirewallState f) {
        o.put("backend", f.backend().json());
        filter(o, f.policies(), f.rules(), f.chains());
        ArrayNode managers = o.putArray("managers");
        for (FirewallToolFound m : f.managers()) {
            managers.addObject().put("name", m.tool().json()).put("running", m.running()).put("evidence", m.evidence());
        }
        Ipv6Filter v6 = f.ipv6();
        filter(o.putObject("ipv6"), v6.policies(), v6.rules(), v6.chains());
        if (f.docker().read()) {
            DockerDaemon d = f.docker();
            o.putObject("docker_daemon").put("file", DockerDaemon.PATH)
                    .put("firewall_backend", d.firewallBackend().orElse(null))
                    .put("bridge_accept_fwmark", d.bridgeAcceptFwmark().orElse(null))
                    .put("problem", d.problem().orElse(null));
        }
        FirewalldJson.write(o, f.firewalld());
    }

    private static DockerDaemon docker(JsonNode d) {
        return d.isObject() ? new DockerDaemon(true, text(d, "firewall_backend"), text(d, "bridge_accept_fwmark"),
                text(d, "problem")) : DockerDaemon.none();
    }

    static FirewallState read(JsonNode o) {
        JsonNode v6 = o.path("ipv6");
        return new FirewallState(FirewallBackend.fromJson(o.path("backend").asText()), policies(o),
                list(o.path("rules"), FirewallJson::rule), list(o.path("chains"), FirewallJson::chain),
                list(o.path("managers"), m -> FirewallTool.fromJson(m.path("name").asText()).map(t ->
                        new FirewallToolFound(t, m.path("running").asBoolean(), m.path("evidence").asText())))
                        .stream().flatMap(Optional::stream).toList(), Optional.empty(), Optional.empty(),
                new Ipv6Filter(policies(v6), list(v6.path("rules"), FirewallJson::rule),
                        list(v6.path("chains"), FirewallJson::chain)), docker(o.path("docker_daemon")),
                FirewalldJson.read(o));
    }

    private static void filter(ObjectNode o, Map<String, String> policyMap, List<FirewallRule> ruleList,
                               List<FirewallChain> chainList) {
        ObjectNode policies = o.putObject("policies");
        policyMap.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> policies.put(e.getKey(), e.getValue()));
        ArrayNode rules = o.putArray("rules");
        for (FirewallRule r : ruleList) {
            ObjectNode j = rules.addObject();
            j.put("table", r.table());
            j.put("chain", r.chain());
            j.put("verdict", r.verdict());
            j.put("source", r.source().orElse(null));
            j.put("destination", r.destination().orElse(null));
            j.put("in", r.inInterface().orElse(null));
            j.put("out", r.outInterface().orElse(null));
            j.put("comment", r.comment().orElse(null));
            j.put("text", r.text());
            number(j, "handle", r.handle());
            number(j, "packets", r.counter().map(c -> OptionalLong.of(c.packets())).orElse(OptionalLong.empty()));
            number(j, "bytes", r.counter().map(c -> OptionalLong.of(c.bytes())).orElse(OptionalLong.empty()));
            j.put("saved_by", r.savedBy().map(FirewallTool::json).orElse(null));
        }
        ArrayNode chains = o.putArray("chains");
        for (FirewallChain c : chainList) {
            chains.addObject().put("table", c.table()).put("chain", c.name()).put("type", c.type())
                    .put("hook", c.hook()).put("priority", c.priority()).put("policy", c.policy());
        }
    }

    private static Map<String, String> policies(JsonNode o) {
        Map<String, String> policies = new LinkedHashMap<>();
        o.path("policies").fields().forEachRemaining(e -> policies.put(e.getKey(), e.getValue().asText()));
        return policies;
    }

    private static FirewallRule rule(JsonNode r) {
        return new FirewallRule(r.path("table").asText(), r.path("chain").asText(), r.path("verdict").asText(),
                text(r, "source"), text(r, "destination"), text(r, "in"), text(r, "out"), text(r, "comment"),
                r.path("text").asText(),
                r.path("handle").isNumber() ? OptionalLong.of(r.path("handle").asLong()) : OptionalLong.empty(),
                r.path("packets").isNumber() ? Optional.of(new PacketCount(r.path("packets").asLong(),
                        r.path("bytes").asLong())) : Optional.empty(),
                text(r, "saved_by").flatMap(FirewallTool::fromJson));
    }

    private static FirewallChain chain(JsonNode c) {
        return new FirewallChain(c.path("table").asText(), c.path("chain").asText(), c.path("type").asText(),
                c.path("hook").asText(), c.path("priority").asInt(), c.path("policy").asText());
    }

    private static Optional<String> text(JsonNode o, String key) {
        return SnapshotJsonReader.text(o, key);
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(item.apply(n)));
        return out;
    }

    private static void number(ObjectNode o, String key, OptionalLong value) {
        if (value.isPresent()) {
            o.put(key, value.getAsLong());
        } else {
            o.putNull(key);
        }
    }
}
