package dev.virtwire.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts.FleetHop;

/**
 * The JSON of {@code diagnose HOST:GUEST --to guest:HOST:NAME --json} (an addition to the contract):
 * {"from", "to", "reachable", "broken_hop", "path": [{"host", "node", "ok", "finding"}], "segment", "between",
 * "unchecked", "hosts": [{"host", "diagnosis"}]}, each diagnosis as {@code diagnose --json} prints it.
 */
final class AcrossHostsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AcrossHostsJson() {
    }

    static String toText(DiagnosisAcrossHosts d, DiagnoseAcrossHosts.Opened source,
                         DiagnoseAcrossHosts.Opened target) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("from", d.from());
        root.put("to", d.to());
        if (d.reachable().isPresent()) {
            root.put("reachable", d.reachable().get());
        } else {
            root.putNull("reachable");
        }
        if (d.brokenHop().isPresent()) {
            hop(root.putObject("broken_hop"), d.brokenHop().get());
        } else {
            root.putNull("broken_hop");
        }
        ArrayNode path = root.putArray("path");
        d.path().forEach(h -> hop(path.addObject(), h));
        d.segment().forEach(root.putArray("segment")::add);
        FleetJson.findings(root.putArray("between"), d.between());
        d.unchecked().forEach(root.putArray("unchecked")::add);
        ArrayNode hosts = root.putArray("hosts");
        hosts.addObject().put("host", d.there().host()).set("diagnosis", DiagnosisJson.toJson(d.there().diagnosis(),
                FixPlans.of(source.changes(), d.there().diagnosis())));
        hosts.addObject().put("host", d.back().host()).set("diagnosis", DiagnosisJson.toJson(d.back().diagnosis(),
                FixPlans.of(target.changes(), d.back().diagnosis())));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a diagnosis across hosts as JSON", e);
        }
    }

    private static void hop(ObjectNode out, FleetHop hop) {
        out.put("host", hop.host().orElse(null));
        out.put("node", hop.node());
        out.put("ok", hop.ok());
        out.put("finding", hop.finding().orElse(null));
    }
}
