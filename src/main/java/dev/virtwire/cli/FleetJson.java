package dev.virtwire.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.SharedSegment;
import dev.virtwire.model.json.TopologyJson;
import java.util.List;

/**
 * The JSON of a fleet (an addition to the topology contract): {@code topology --json} over several hosts gives
 * {"hosts": [{"name", "uri", "state": "up|down", "error", "topology"}], "shared_segments": [{"subnet", "gateway",
 * "hosts": [{"host", "link", "address"}]}]}, each {@code topology} the one-host contract ({@code null} for a host
 * that is down); {@code fleet check --json} gives {"hosts": [... without "topology"], "findings": [{"id",
 * "severity", "title", "evidence", "where": [{"host", "node"}], "steps", "fix"}]}, "fix" as {@code diagnose}'s
 * ({"description", "commands", "refused"}) with the "host" it changes, or null.
 */
final class FleetJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FleetJson() {
    }

    static String topology(List<FleetHost> fleet) {
        ObjectNode root = MAPPER.createObjectNode();
        hosts(root.putArray("hosts"), fleet, true);
        ArrayNode shared = root.putArray("shared_segments");
        for (SharedSegment segment : SharedSegment.of(fleet)) {
            ObjectNode s = shared.addObject();
            s.put("subnet", segment.segment().subnet());
            s.put("gateway", segment.segment().gateway());
            ArrayNode members = s.putArray("hosts");
            segment.hosts().forEach(m -> members.addObject().put("host", m.host()).put("link", m.link())
                    .put("address", m.address()));
        }
        return text(root);
    }

    /** @param plans what each finding's fix runs on its host */
    static String check(List<FleetHost> fleet, List<FleetFinding> findings,
                        java.util.function.Function<FleetFinding.HostFix, FixPlans.Preview> plans) {
        ObjectNode root = MAPPER.createObjectNode();
        hosts(root.putArray("hosts"), fleet, false);
        ArrayNode out = root.putArray("findings");
        findings(out, findings);
        for (int i = 0; i < findings.size(); i++) {
            ObjectNode o = (ObjectNode) out.get(i);
            findings.get(i).fix().ifPresentOrElse(f -> {
                ObjectNode fix = o.putObject("fix");
                fix.put("host", f.host());
                fix.put("description", f.fix().description());
                FixPlans.Preview preview = plans.apply(f);
                preview.commands().forEach(fix.putArray("commands")::add);
                preview.refused().ifPresent(r -> fix.put("refused", r));
            }, () -> o.putNull("fix"));
        }
        return text(root);
    }

    /** Each finding as {"id", "severity", "title", "evidence", "where": [{"host", "node"}], "steps"}. */
    static void findings(ArrayNode out, List<FleetFinding> findings) {
        for (FleetFinding f : findings) {
            ObjectNode o = out.addObject();
            o.put("id", f.id());
            o.put("severity", f.severity().json());
            o.put("title", f.title());
            f.evidence().forEach(o.putArray("evidence")::add);
            ArrayNode where = o.putArray("where");
            f.places().forEach(p -> where.addObject().put("host", p.host()).put("node", p.node().text()));
            f.steps().forEach(o.putArray("steps")::add);
        }
    }

    private static void hosts(ArrayNode out, List<FleetHost> fleet, boolean withTopology) {
        for (FleetHost host : fleet) {
            ObjectNode o = out.addObject();
            o.put("name", host.name());
            o.put("uri", host.uri());
            o.put("state", host instanceof FleetHost.Up ? "up" : "down");
            o.put("error", host instanceof FleetHost.Down down ? down.reason() : null);
            if (withTopology) {
                if (host instanceof FleetHost.Up up) {
                    o.set("topology", TopologyJson.toJson(up.snapshot()));
                } else {
                    o.putNull("topology");
                }
            }
        }
    }

    private static String text(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the fleet as JSON", e);
        }
    }
}
