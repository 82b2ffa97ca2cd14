package dev.virtwire.change.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history of changes made across hosts, kept in {@code STATE_DIR/fleet-history.json} (each host keeps its own
 * part in its own history as well). Written whole and renamed over the old file, so a crash leaves one or the other.
 */
public final class FleetHistory {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public FleetHistory(Path stateDir) {
        this.file = stateDir.resolve("fleet-history.json");
    }

    public Path file() {
        return file;
    }

    /** Every entry, oldest first. */
    public synchronized List<FleetHistoryEntry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<FleetHistoryEntry> out = new ArrayList<>();
            for (JsonNode e : MAPPER.readTree(file.toFile()).path("entries")) {
                List<FleetHistoryEntry.Step> steps = new ArrayList<>();
                for (JsonNode s : e.path("steps")) {
                    List<String> commands = new ArrayList<>();
                    s.path("commands").forEach(c -> commands.add(c.asText()));
                    steps.add(new FleetHistoryEntry.Step(s.path("host").asText(), s.path("entry").asText(), commands));
                }
                out.add(new FleetHistoryEntry(e.path("id").asText(), e.path("title").asText(),
                        Instant.parse(e.path("when").asText()),
                        FleetHistoryEntry.Status.valueOf(e.path("status").asText().toUpperCase(java.util.Locale.ROOT)
                                .replace('-', '_')),
                        steps, e.hasNonNull("note") ? Optional.of(e.get("note").asText()) : Optional.empty()));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the fleet's history " + file + ": " + e.getMessage()
                    + " (move the file away to start a new history)", e);
        }
    }

    /** The newest change still applied, which {@code fleet undo} takes back. */
    public Optional<FleetHistoryEntry> newestApplied() {
        List<FleetHistoryEntry> all = entries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).status() == FleetHistoryEntry.Status.APPLIED) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    synchronized void add(FleetHistoryEntry entry) {
        List<FleetHistoryEntry> all = new ArrayList<>(entries());
        all.add(entry);
        write(all);
    }

    synchronized void replace(FleetHistoryEntry entry) {
        write(entries().stream().map(e -> e.id().equals(entry.id()) ? entry : e).toList());
    }

    private void write(List<FleetHistoryEntry> all) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("entries");
        for (FleetHistoryEntry e : all) {
            ObjectNode o = list.addObject();
            o.put("id", e.id());
            o.put("title", e.title());
            o.put("when", e.when().toString());
            o.put("status", e.status().json());
            ArrayNode steps = o.putArray("steps");
            for (FleetHistoryEntry.Step s : e.steps()) {
                ObjectNode step = steps.addObject().put("host", s.host()).put("entry", s.entry());
                s.commands().forEach(step.putArray("commands")::add);
            }
            o.put("note", e.note().orElse(null));
        }
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(next, MAPPER.writeValueAsString(root) + System.lineSeparator());
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the fleet's history " + file + ": " + e.getMessage(), e);
        }
    }
}
