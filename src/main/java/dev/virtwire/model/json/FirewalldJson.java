package dev.virtwire.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.model.FirewalldPolicy;
import dev.virtwire.model.FirewalldRichRule;
import dev.virtwire.model.FirewalldSettings;
import dev.virtwire.model.FirewalldZone;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON object "firewall.firewalld": firewalld's zones and policies with their rich rules (run time and
 * permanent), {@code null} where firewalld does not run or firewall-cmd could not list them. Written and read back.
 */
final class FirewalldJson {
    private FirewalldJson() {
    }

    static void write(ObjectNode firewall, Optional<FirewalldSettings> settings) {
        if (settings.isEmpty()) {
            firewall.putNull("firewalld");
            return;
        }
        ObjectNode o = firewall.putObject("firewalld");
        ArrayNode zones = o.putArray("zones");
        for (FirewalldZone z : settings.get().zones()) {
            ObjectNode j = zones.addObject().put("name", z.name()).put("active", z.active())
                    .put("default", z.defaultZone()).put("target", z.target());
            strings(j, "interfaces", z.interfaces());
            strings(j, "sources", z.sources());
            strings(j, "forward_ports", z.forwardPorts());
            richRules(j, z.richRules());
            j.put("running", z.running()).put("saved", z.saved());
        }
        ArrayNode policies = o.putArray("policies");
        for (FirewalldPolicy p : settings.get().policies()) {
            ObjectNode j = policies.addObject().put("name", p.name()).put("active", p.active());
            strings(j, "ingress_zones", p.ingressZones());
            strings(j, "egress_zones", p.egressZones());
            j.put("target", p.target()).put("priority", p.priority());
            strings(j, "forward_ports", p.forwardPorts());
            richRules(j, p.richRules());
            j.put("running", p.running()).put("saved", p.saved());
        }
    }

    static Optional<FirewalldSettings> read(JsonNode firewall) {
        JsonNode o = firewall.path("firewalld");
        if (!o.isObject()) {
            return Optional.empty();
        }
        List<FirewalldZone> zones = new ArrayList<>();
        o.path("zones").forEach(z -> zones.add(new FirewalldZone(z.path("name").asText(), z.path("active").asBoolean(),
                z.path("default").asBoolean(), z.path("target").asText(), strings(z, "interfaces"),
                strings(z, "sources"), richRules(z), strings(z, "forward_ports"), z.path("running").asBoolean(),
                z.path("saved").asBoolean())));
        List<FirewalldPolicy> policies = new ArrayList<>();
        o.path("policies").forEach(p -> policies.add(new FirewalldPolicy(p.path("name").asText(),
                p.path("active").asBoolean(), strings(p, "ingress_zones"), strings(p, "egress_zones"),
                p.path("target").asText(), p.path("priority").asInt(), richRules(p), strings(p, "forward_ports"),
                p.path("running").asBoolean(), p.path("saved").asBoolean())));
        return Optional.of(new FirewalldSettings(zones, policies));
    }

    private static void richRules(ObjectNode o, List<FirewalldRichRule> rules) {
        ArrayNode array = o.putArray("rich_rules");
        rules.forEach(r -> array.addObject().put("rule", r.rule()).put("running", r.running()).put("saved", r.saved()));
    }

    private static List<FirewalldRichRule> richRules(JsonNode o) {
        List<FirewalldRichRule> out = new ArrayList<>();
        o.path("rich_rules").forEach(r -> out.add(new FirewalldRichRule(r.path("rule").asText(),
                r.path("running").asBoolean(), r.path("saved").asBoolean())));
        return out;
    }

    private static void strings(ObjectNode o, String key, List<String> values) {
        ArrayNode array = o.putArray(key);
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode o, String key) {
        List<String> out = new ArrayList<>();
        o.path(key).forEach(v -> out.add(v.asText()));
        return out;
    }
}
