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

    /** The file's own {@code network: renderer:}, if it says one. */
    static Optional<String> renderer(ConfigFile file) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(file.text()));
        } catch (MarkedYAMLException e) {
            throw unreadable(file.path() + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw unreadable(file.path() + ": " + e.getMessage());
        }
        return value(root, "network").flatMap(n -> value(n, "renderer"))
                .filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
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
