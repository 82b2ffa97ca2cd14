package dev.virtwire.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Hop;
import dev.virtwire.model.Id;
import java.util.List;

/**
 * The JSON of {@code virtwire diagnose --json}: {"guest", "target", "reachable", "path", "findings"} with
 * each finding's fix as {"description", "commands"} (null without one; "refused" when the change layer
 * would not apply it now). A contract for scripts.
 */
final class DiagnosisJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiagnosisJson() {
    }

    static String toText(Diagnosis diagnosis, FixPlans plans) {
        try {
            return MAPPER.writeValueAsString(toJson(diagnosis, plans));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a diagnosis as JSON", e);
        }
    }

    static ObjectNode toJson(Diagnosis d, FixPlans plans) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("guest", d.guest());
        root.put("nic", d.nic());
        root.put("target", d.target());
        if (d.reachable().isPresent()) {
            root.put("reachable", d.reachable().get());
        } else {
            root.putNull("reachable");
        }
        ArrayNode path = root.putArray("path");
        for (Hop hop : d.path()) {
            ObjectNode h = path.addObject();
            h.put("node", hop.nodeId().text());
            h.put("ok", hop.ok());
            h.put("finding", hop.findingId().orElse(null));
        }
        findings(root.putArray("findings"), d.findings(), plans);
        strings(root.putArray("unchecked"), d.unchecked());
        return root;
    }

    private static void findings(ArrayNode out, List<Finding> findings, FixPlans plans) {
        for (Finding f : findings) {
            ObjectNode o = out.addObject();
            o.put("id", f.id());
            o.put("severity", f.severity().json());
            o.put("title", f.title());
            strings(o.putArray("evidence"), f.evidence());
            strings(o.putArray("nodes"), f.nodes().stream().map(Id::text).toList());
            if (f.fix().isPresent()) {
                ObjectNode fix = o.putObject("fix");
                fix.put("description", f.fix().get().description());
                FixPlans.Preview preview = plans.preview(f.fix().get());
                strings(fix.putArray("commands"), preview.commands());
                preview.refused().ifPresent(r -> fix.put("refused", r));
            } else {
                o.putNull("fix");
            }
            strings(o.putArray("steps"), f.steps());
            findings(o.putArray("symptoms"), f.symptoms(), plans);
        }
    }

    private static void strings(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }
}
