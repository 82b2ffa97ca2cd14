package dev.virtwire.host.netconf;

import dev.virtwire.host.HostException;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedLink;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * netplan: the {@code *.yaml} files of /etc/netplan, /run/netplan and /lib/netplan (a name in an earlier folder
 * hides the same name in a later one; files are merged in file-name order, a later definition of a link
 * replacing an earlier one). Read: {@code ethernets}, {@code bridges} ({@code interfaces}), {@code bonds},
 * {@code vlans} ({@code id}, {@code link}); per link {@code dhcp4}, {@code addresses}, {@code mtu}, and the
 * {@code renderer} (networkd or NetworkManager) that carries it out. YAML is read with SnakeYAML's composer,
 * which keeps each key's line.
 */
final class NetplanYaml {
    static final List<String> DIRS = List.of("/etc/netplan", "/run/netplan", "/lib/netplan");
    private static final List<String> KINDS = List.of("ethernets", "bridges", "bonds", "vlans");

    private final HostFiles files;

    NetplanYaml(HostFiles files) {
        this.files = files;
    }

    /** The saved links, each with its renderer ("networkd" or "NetworkManager") in {@code renderers}. */
    ManagerRead read(Map<String, String> renderers) {
        List<String> gaps = new ArrayList<>();
        Map<String, TextFile> yaml = new TreeMap<>();
        try {
            for (String dir : DIRS) {
                for (String name : files.list(dir)) {
                    if (name.endsWith(".yaml") && !yaml.containsKey(name)) {
                        files.read(dir + "/" + name).ifPresent(f -> yaml.put(name, f));
                    }
                }
            }
        } catch (HostException e) {
            return ManagerRead.failed("netplan: " + e.getMessage());
        }
        if (yaml.isEmpty()) {
            return ManagerRead.absent();
        }
        List<SavedLink> links = links(new ArrayList<>(yaml.values()), renderers, gaps);
        return new ManagerRead(Optional.of(new ManagerFound(LinkOwner.NETPLAN, false,
                String.join(", ", yaml.values().stream().map(TextFile::path).toList()))), links, gaps);
    }

    /** Pure: the links these files (in netplan's order) define; a file that does not parse is a gap. */
    static List<SavedLink> links(List<TextFile> files, Map<String, String> renderers, List<String> gaps) {
        Map<String, SavedLink> out = new LinkedHashMap<>();
        for (TextFile file : files) {
            try {
                Node root = new Yaml(new LoaderOptions()).compose(new StringReader(String.join("\n", file.lines())));
                if (root == null) {
                    continue; // an empty file
                }
                Map<String, Node> network = mapping(file, value(file, root, "network"));
                String renderer = scalar(network.get("renderer")).orElse("networkd");
                for (String kind : KINDS) {
                    Node defs = network.get(kind);
                    if (defs == null) {
                        continue;
                    }
                    mapping(file, defs); // a mapping of link names, or a parse error here
                    for (NodeTuple t : ((MappingNode) defs).getValue()) {
                        String name = scalar(t.getKeyNode()).orElse("");
                        Map<String, Node> props = mapping(file, t.getValueNode());
                        String where = file.at(t.getKeyNode().getStartMark().getLine() + 1);
                        renderers.put(name, scalar(props.get("renderer")).orElse(renderer));
                        out.put(name, link(name, where, props, out));
                        for (String port : list(props.get("interfaces"))) {
                            SavedLink p = out.getOrDefault(port, SavedLink.of(port, LinkOwner.NETPLAN, where,
                                    SavedAddresses.none()));
                            out.put(port, p.asPortOf(name));
                        }
                    }
                }
            } catch (MarkedYAMLException e) {
                gaps.add("netplan: " + file.at(e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
            } catch (ConfigSyntaxException e) {
                gaps.add("netplan: " + e.getMessage());
            } catch (YAMLException | NumberFormatException e) {
                gaps.add("netplan: " + file.path() + ": " + e.getMessage());
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * A link's definition merged over what earlier files said of it, as netplan merges them: a later file that only
     * adds to it (a port in a bridge's {@code interfaces}, as Virtwire's own files do) keeps the addresses, MTU and
     * the FILE:LINE of the file that defines it first.
     */
    private static SavedLink link(String name, String where, Map<String, Node> props, Map<String, SavedLink> known) {
        Optional<SavedLink> earlier = Optional.ofNullable(known.get(name));
        Optional<String> master = earlier.flatMap(SavedLink::master);
        Optional<SavedAddresses> addresses = master.isPresent() ? Optional.of(SavedAddresses.none())
                : props.containsKey("dhcp4") || props.containsKey("addresses") || earlier.isEmpty()
                ? Optional.of(new SavedAddresses(scalar(props.get("dhcp4")).filter(v -> List.of("true", "yes", "on")
                        .contains(v)).isPresent(), list(props.get("addresses")).stream().filter(a -> a.contains("."))
                        .toList()))
                : earlier.get().addresses();
        OptionalInt id = number(props.get("id")).or(() -> earlier.map(SavedLink::vlanId)).orElse(OptionalInt.empty());
        OptionalInt mtu = number(props.get("mtu")).or(() -> earlier.map(SavedLink::mtu)).orElse(OptionalInt.empty());
        return new SavedLink(name, LinkOwner.NETPLAN, earlier.map(SavedLink::source).orElse(where), true, false,
                master, addresses, mtu, id, scalar(props.get("link")).or(() -> earlier.flatMap(SavedLink::parent)));
    }

    private static Optional<OptionalInt> number(Node node) {
        return scalar(node).map(v -> OptionalInt.of(Integer.parseInt(v)));
    }

    private static Node value(TextFile file, Node root, String key) {
        Node v = mapping(file, root).get(key);
        if (v == null) {
            throw new ConfigSyntaxException(file.at(root.getStartMark().getLine() + 1), "no 'network:' key");
        }
        return v;
    }

    private static Map<String, Node> mapping(TextFile file, Node node) {
        if (!(node instanceof MappingNode m)) {
            throw new ConfigSyntaxException(file.at(node.getStartMark().getLine() + 1), "a mapping was expected");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        m.getValue().forEach(t -> scalar(t.getKeyNode()).ifPresent(k -> out.put(k, t.getValueNode())));
        return out;
    }

    private static Optional<String> scalar(Node node) {
        return node instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
    }

    private static List<String> list(Node node) {
        if (!(node instanceof SequenceNode s)) {
            return List.of();
        }
        return s.getValue().stream().map(NetplanYaml::scalar).flatMap(Optional::stream).toList();
    }
}
