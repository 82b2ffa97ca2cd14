package dev.virtwire.host.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.Target;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hosts of the fleet, kept in {@code hosts.json} in the config dir:
 * {@code {"hosts": [{"name", "uri", "netns", "ssh"}]}} ({@code netns} and {@code ssh} null unless given: a
 * {@code qemu+ssh://} URI reaches the kernel over its own login). Written whole beside the old file, then renamed
 * over it, so a reader never sees half a list.
 */
public final class FleetList {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public FleetList(Path configDir) {
        this.file = configDir.resolve("hosts.json");
    }

    /** {@code $XDG_CONFIG_HOME/virtwire}, or {@code ~/.config/virtwire}. */
    public static Path defaultConfigDir() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("virtwire");
    }

    public Path file() {
        return file;
    }

    /** The hosts in the order they were added; none when the file does not exist yet. */
    public List<FleetEntry> hosts() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            List<FleetEntry> out = new ArrayList<>();
            for (JsonNode host : root.path("hosts")) {
                out.add(entry(host));
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            throw new HostException("cannot read the fleet list " + file + ": " + e.getMessage()
                    + " (fix or remove the file; virtwire hosts add makes it again)", e);
        }
    }

    private static FleetEntry entry(JsonNode host) {
        String uri = host.path("uri").asText("");
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("host '" + host.path("name").asText() + "' has no uri");
        }
        Optional<String> netns = text(host, "netns");
        Optional<String> ssh = text(host, "ssh");
        HostAddress address = netns.<HostAddress>map(ns -> new HostAddress(uri, new Target.Netns(ns)))
                .or(() -> ssh.map(login -> new HostAddress(uri, new Target.Ssh(login))))
                .orElseGet(() -> HostAddress.of(uri));
        return new FleetEntry(host.path("name").asText(null), address);
    }

    private static Optional<String> text(JsonNode node, String key) {
        return Optional.ofNullable(node.get(key)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /**
     * Adds a host at the end.
     *
     * @throws IllegalStateException when its name, or its address, is in the list already
     */
    public void add(FleetEntry entry) {
        List<FleetEntry> hosts = new ArrayList<>(hosts());
        for (FleetEntry known : hosts) {
            if (known.name().equals(entry.name())) {
                throw new IllegalStateException("the fleet has a host named " + entry.name() + " already ("
                        + known.address().describe() + "): remove it first (virtwire hosts remove " + entry.name()
                        + ") or choose another name");
            }
            if (known.address().equals(entry.address())) {
                throw new IllegalStateException(entry.address().describe() + " is in the fleet already, as "
                        + known.name());
            }
        }
        hosts.add(entry);
        write(hosts);
    }

    /**
     * Removes the host of that name.
     *
     * @throws IllegalStateException when there is none
     */
    public FleetEntry remove(String name) {
        List<FleetEntry> hosts = new ArrayList<>(hosts());
        FleetEntry gone = hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalStateException("the fleet has no host named " + name + (hosts.isEmpty() ? " (it is empty)"
                        : ": it has " + String.join(", ", hosts.stream().map(FleetEntry::name).toList()))));
        hosts.remove(gone);
        write(hosts);
        return gone;
    }

    /** The list as its file holds it: {"hosts": [...]}. */
    public static ObjectNode toJson(List<FleetEntry> hosts) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("hosts");
        for (FleetEntry entry : hosts) {
            ObjectNode o = list.addObject();
            o.put("name", entry.name());
            o.put("uri", entry.address().uri());
            Target target = entry.address().target();
            boolean implied = HostAddress.of(entry.address().uri()).equals(entry.address());
            o.put("netns", target instanceof Target.Netns ns ? ns.name() : null);
            o.put("ssh", target instanceof Target.Ssh ssh && !implied ? ssh.host() : null);
        }
        return root;
    }

    private void write(List<FleetEntry> hosts) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(next, MAPPER.writeValueAsString(toJson(hosts)) + System.lineSeparator());
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HostException("cannot write the fleet list " + file + ": " + e.getMessage()
                    + " (check that the directory is writable)", e);
        }
    }
}
