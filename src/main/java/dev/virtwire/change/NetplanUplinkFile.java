package dev.virtwire.change;

import dev.virtwire.model.ConfigFile;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The uplink's definition in the user's netplan file, as Virtwire bridges it: its IP settings (addresses, DHCP,
 * routes, nameservers ...) move to the bridge, as the lines they are. netplan merges a later file's definition of
 * the same link into the earlier one key by key: a scalar ({@code dhcp4}) is overridden, but {@code addresses},
 * {@code routes} and {@code nameservers} are appended to, and a {@code null} in a file does not clear them
 * (only {@code netplan set} clears keys). So a file of Virtwire's own can take away DHCP ({@code dhcp4: false})
 * but not an address or a route: then those lines are cut from the user's file (nothing else changes; undo puts the
 * file back byte for byte). Only a block mapping is cut; anything else is refused, naming file and line.
 */
final class NetplanUplinkFile {
    /** The keys of a link's definition that configure its IP layer: the bridge's once the uplink is its port. */
    private static final Set<String> MOVED = Set.of("addresses", "dhcp4", "dhcp6", "dhcp4-overrides",
            "dhcp6-overrides", "dhcp-identifier", "routes", "routing-policy", "gateway4", "gateway6", "nameservers",
            "accept-ra", "ipv6-privacy", "ipv6-address-generation", "ipv6-address-token", "ipv6-mtu", "link-local",
            "ra-overrides");
    /** Moved keys a later file's {@code KEY: false} takes away (netplan overrides scalars). */
    private static final Set<String> OVERRIDDEN = Set.of("dhcp4", "dhcp6");

    /** One key of the link's definition: its lines [from, to) in the file (to -1: not lines of its own). */
    private record Entry(String key, String scalar, int from, int to) {
    }

    private final ConfigFile file;
    private final String kind;
    private final String link;
    private final List<String> lines;
    private final int linkLine;
    private final int indent;
    private final int keys;
    private final List<Entry> moved;

    private NetplanUplinkFile(ConfigFile file, String kind, String link, int linkLine, int indent, int keys,
                              List<Entry> moved) {
        this.file = file;
        this.kind = kind;
        this.link = link;
        this.lines = file.text().lines().toList();
        this.linkLine = linkLine;
        this.indent = indent;
        this.keys = keys;
        this.moved = moved;
    }

    /** The link's definition in this file, if it has one (under {@code network: KIND:}). */
    static Optional<NetplanUplinkFile> find(ConfigFile file, String link) {
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(file.text()));
        for (NodeTuple kind : tuples(value(root, "network"))) {
            for (NodeTuple def : tuples(kind.getValueNode())) {
                if (def.getKeyNode() instanceof ScalarNode k && k.getValue().equals(link)) {
                    return Optional.of(parse(file, scalar(kind.getKeyNode()), link, def));
                }
            }
        }
        return Optional.empty();
    }

    private static NetplanUplinkFile parse(ConfigFile file, String kind, String link, NodeTuple def) {
        int linkLine = def.getKeyNode().getStartMark().getLine();
        if (!(def.getValueNode() instanceof MappingNode m)) {
            throw refused(file, linkLine, link + "'s definition is not a mapping");
        }
        List<String> lines = file.text().lines().toList();
        List<NodeTuple> tuples = m.getValue();
        List<Entry> moved = new ArrayList<>();
        int indent = tuples.isEmpty() ? -1 : tuples.get(0).getKeyNode().getStartMark().getColumn();
        for (NodeTuple t : tuples) {
            String key = scalar(t.getKeyNode());
            if (!MOVED.contains(key)) {
                continue;
            }
            int from = t.getKeyNode().getStartMark().getLine();
            if (m.getFlowStyle() == DumperOptions.FlowStyle.FLOW || indentOf(lines.get(from)) != indent) {
                moved.add(new Entry(key, scalar(t.getValueNode()), from, -1)); // refused if it must be cut
                continue;
            }
            moved.add(new Entry(key, scalar(t.getValueNode()), from, end(lines, from, indent)));
        }
        return new NetplanUplinkFile(file, kind, link, linkLine, indent, tuples.size(), moved);
    }

    ConfigFile file() {
        return file;
    }

    /** The netplan type the link is defined under ({@code ethernets}, {@code bonds} ...). */
    String kind() {
        return kind;
    }

    /** Whether the definition has IP settings to move. */
    boolean hasIpSettings() {
        return !moved.isEmpty();
    }

    /** Whether a later file can take every IP setting away ({@code dhcp4: false} ...), so this file stays as is. */
    boolean overridable() {
        return moved.stream().allMatch(e -> OVERRIDDEN.contains(e.key()));
    }

    /** What a later file says to take the IP settings away, as the body of the link's definition. */
    List<String> overrides() {
        return moved.stream().map(e -> e.key() + ": false").toList();
    }

    /**
     * The moved settings, indented under a definition at {@code column} (the bridge's keys): as their lines, or
     * (overridable, where they may be in a flow mapping) as {@code KEY: VALUE}.
     */
    List<String> ipSettings(int column) {
        List<String> out = new ArrayList<>();
        if (overridable()) {
            moved.forEach(e -> out.add(" ".repeat(column) + e.key() + ": " + e.scalar()));
            return out;
        }
        for (Entry e : cuttable()) {
            for (String l : lines.subList(e.from(), e.to())) {
                out.add(l.isBlank() ? "" : " ".repeat(column) + (indentOf(l) >= indent ? l.substring(indent)
                        : l.strip()));
            }
        }
        return out;
    }

    /** The file without the moved lines; a definition left empty becomes {@code LINK: {}}. */
    ConfigFile withoutIpSettings() {
        List<Entry> cut = cuttable();
        List<String> out = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            int at = n;
            if (cut.stream().anyMatch(e -> at >= e.from() && at < e.to())) {
                continue;
            }
            out.add(n == linkLine && cut.size() == keys ? emptied(lines.get(n)) : lines.get(n));
        }
        String text = String.join("\n", out) + (file.text().endsWith("\n") ? "\n" : "");
        return file.withText(text);
    }

    private List<Entry> cuttable() {
        for (Entry e : moved) {
            if (e.to() < 0) {
                throw refused(file, e.from(), link + "'s " + e.key() + " is not on lines of its own in a block "
                        + "mapping, so Virtwire cannot move it");
            }
        }
        return moved;
    }

    private String emptied(String line) {
        if (!line.strip().equals(link + ":")) {
            throw refused(file, linkLine, "Virtwire would leave " + link + " with no settings here, but this line "
                    + "holds more than '" + link + ":'");
        }
        return line + " {}";
    }

    /**
     * Where the key at {@code from} ends: before the next line at its indentation or less (blank lines and comments
     * do not end it, but those right before the next key stay in the file).
     */
    private static int end(List<String> lines, int from, int indent) {
        int next = from + 1;
        while (next < lines.size() && (ignorable(lines.get(next)) || indentOf(lines.get(next)) > indent)) {
            next++;
        }
        while (next > from + 1 && ignorable(lines.get(next - 1))) {
            next--;
        }
        return next;
    }

    private static boolean ignorable(String line) {
        return line.isBlank() || line.strip().startsWith("#");
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static List<NodeTuple> tuples(Node node) {
        return node instanceof MappingNode m ? m.getValue() : List.of();
    }

    private static Node value(Node mapping, String key) {
        return tuples(mapping).stream().filter(t -> scalar(t.getKeyNode()).equals(key)).map(NodeTuple::getValueNode)
                .findFirst().orElse(null);
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : "";
    }

    private static ChangeRefused refused(ConfigFile file, int index, String why) {
        return new ChangeRefused(file.path() + ":" + (index + 1) + ": " + why + "; Virtwire does not rewrite what it "
                + "cannot move line by line: bridge the uplink in that file by hand, then `netplan try` (it keeps "
                + "the change only once you confirm it)");
    }
}
