package dev.virtwire.change;

import dev.virtwire.host.HostReader;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The host's netplan YAML as a change through netplan needs it: each file read fresh and checked (a file Virtwire
 * cannot parse stops the change, named by file and line: Virtwire adds files beside it and never rewrites it),
 * and the renderer that carries them out (the last {@code network: renderer:} in netplan's file order; networkd
 * when none says). The files are the ones discovery found, in netplan's order (its evidence lists them).
 */
record NetplanFiles(List<ConfigFile> files, String renderer) {
    static final String NETWORKD = "networkd";
    /** netplan's sections of links, each a mapping of ids. */
    private static final List<String> KINDS = List.of("ethernets", "bridges", "bonds", "vlans", "wifis", "tunnels",
            "vrfs", "dummy-devices", "virtual-ethernets", "modems");

    static NetplanFiles read(HostSnapshot s, HostReader host) {
        List<String> paths = s.saved().managers().stream().filter(m -> m.manager() == LinkOwner.NETPLAN)
                .map(ManagerFound::evidence).flatMap(e -> Arrays.stream(e.split(", "))).filter(p -> p.endsWith(".yaml"))
                .toList();
        List<ConfigFile> files = paths.stream().map(host::savedFile).flatMap(Optional::stream).toList();
        String renderer = NETWORKD;
        for (ConfigFile f : files) {
            renderer = renderer(f).orElse(renderer);
        }
        return new NetplanFiles(files, renderer);
    }

    boolean rendersForNetworkd() {
        return renderer.equals(NETWORKD);
    }

    /**
     * Where a link is defined under its own name (its id), in netplan's file order.
     *
     * @param kind    its section: ethernets, bridges, bonds, vlans ...
     * @param at      {@code FILE:LINE} of its key
     * @param setsMtu whether that definition says {@code mtu:}
     */
    record Definition(String kind, String path, String at, boolean setsMtu) {
    }

    List<Definition> definitions(String link) {
        List<Definition> out = new java.util.ArrayList<>();
        for (ConfigFile f : files) {
            Optional<Node> network = value(root(f), "network");
            for (String kind : KINDS) {
                network.flatMap(n -> value(n, kind)).filter(MappingNode.class::isInstance).stream()
                        .flatMap(n -> ((MappingNode) n).getValue().stream())
                        .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(link))
                        .forEach(t -> out.add(new Definition(kind, f.path(), f.path() + ":"
                                + (t.getKeyNode().getStartMark().getLine() + 1),
                                value(t.getValueNode(), "mtu").isPresent())));
            }
        }
        return out;
    }

    /** The file's own {@code network: renderer:}, if it says one. */
    static Optional<String> renderer(ConfigFile file) {
        return value(root(file), "network").flatMap(n -> value(n, "renderer"))
                .filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
    }

    private static Node root(ConfigFile file) {
        try {
            return new Yaml(new LoaderOptions()).compose(new StringReader(file.text()));
        } catch (MarkedYAMLException e) {
            throw unreadable(file.path() + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw unreadable(file.path() + ": " + e.getMessage());
        }
    }

    private static Optional<Node> value(Node mapping, String key) {
        if (!(mapping instanceof MappingNode m)) {
            return Optional.empty();
        }
        return m.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .map(NodeTuple::getValueNode).findFirst();
    }

    private static ChangeRefused unreadable(String where) {
        return new ChangeRefused("netplan's " + where + ": Virtwire cannot read this file, so it changes nothing "
                + "through netplan (it never rewrites a file it cannot read): fix it first (netplan generate names the "
                + "same place)");
    }
}
