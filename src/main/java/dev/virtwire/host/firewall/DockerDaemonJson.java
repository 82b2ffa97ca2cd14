package dev.virtwire.host.firewall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.model.DockerDaemon;
import dev.virtwire.model.FwMark;
import java.util.Optional;

/**
 * Reads Docker's {@code /etc/docker/daemon.json} for what its firewall does: {@code "firewall-backend"} and
 * {@code "bridge-accept-fwmark"}. Virtwire never writes the file (Docker reads it when its daemon starts); what it
 * cannot follow is reported naming the file. Pure.
 */
public final class DockerDaemonJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FWMARK = "bridge-accept-fwmark";

    private DockerDaemonJson() {
    }

    /** The file's text (empty: the host has none). */
    public static DockerDaemon read(Optional<String> text) {
        if (text.isEmpty()) {
            return DockerDaemon.none();
        }
        JsonNode root;
        try {
            root = text.get().isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(text.get());
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            return problem(DockerDaemon.PATH + (at == null ? "" : " line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": not JSON Virtwire can read (" + e.getOriginalMessage() + "); Docker "
                    + "does not start with it either. Virtwire reads nothing of it and never writes it");
        }
        if (!root.isObject()) {
            return problem(DockerDaemon.PATH + " holds no JSON object; Virtwire reads nothing of it");
        }
        Optional<String> mark = text(root, FWMARK);
        if (mark.isPresent() && FwMark.parse(mark.get()).isEmpty()) {
            return new DockerDaemon(true, text(root, "firewall-backend"), mark, Optional.of(DockerDaemon.PATH
                    + ": \"" + FWMARK + "\": \"" + mark.get() + "\" is no firewall mark (a 32-bit number, with an "
                    + "optional /MASK, e.g. \"0x1/0x1\"); Docker refuses it too"));
        }
        return new DockerDaemon(true, text(root, "firewall-backend"), mark, Optional.empty());
    }

    private static DockerDaemon problem(String why) {
        return new DockerDaemon(true, Optional.empty(), Optional.empty(), Optional.of(why));
    }

    private static Optional<String> text(JsonNode o, String key) {
        JsonNode v = o.path(key);
        return v.isValueNode() && !v.isNull() ? Optional.of(v.asText()) : Optional.empty();
    }
}
