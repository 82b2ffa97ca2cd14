package dev.virtwire.host.kernel;

import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.model.KernelSettings;
import dev.virtwire.model.Link;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a host's links, routes, ARP cache, bridge tables and sysctls at a target: one command each, whatever
 * the number of links. A command that fails becomes a gap; the rest is still returned.
 */
public final class KernelReader {
    private final CommandRunner runner;

    public KernelReader(CommandRunner runner) {
        this.runner = runner;
    }

    public KernelFacts read() {
        List<String> gaps = new ArrayList<>();
        Optional<String> ipLink = output(List.of("ip", "-j", "-d", "link", "show"), gaps);
        Optional<String> ipAddr = output(List.of("ip", "-j", "addr", "show"), gaps);
        List<Link> links = ipLink.map(l -> parse(() -> LinkTable.links(l, ipAddr.orElse("[]")), gaps))
                .flatMap(Function.identity()).orElse(List.of());
        if (!links.isEmpty()) {
            Optional<String> bridgeLink = output(List.of("bridge", "-j", "link", "show"), gaps);
            Optional<String> bridgeVlan = output(List.of("bridge", "-j", "vlan", "show"), gaps);
            List<Link> plain = links;
            links = parse(() -> BridgeTables.withPorts(plain, bridgeLink.orElse("[]"), bridgeVlan.orElse("[]")), gaps)
                    .orElse(links);
        }
        List<Route> routes = output(List.of("ip", "-j", "route", "show"), gaps)
                .flatMap(r -> parse(() -> RouteTable.routes(r), gaps)).orElse(List.of());
        List<Neighbour> neighbours = output(List.of("ip", "-j", "neigh", "show"), gaps)
                .flatMap(n -> parse(() -> Neighbour.parse(n), gaps)).orElse(List.of());
        List<BridgeTables.FdbEntry> fdb = output(List.of("bridge", "-j", "fdb", "show"), gaps)
                .flatMap(f -> parse(() -> BridgeTables.fdb(f), gaps)).orElse(List.of());
        KernelSettings settings = sysctls(gaps);
        return new KernelFacts(links, routes, settings, neighbours, fdb, gaps);
    }

    private KernelSettings sysctls(List<String> gaps) {
        // sysctl exits non-zero when one key of the pattern cannot be read; what it printed is still good
        try {
            var result = runner.run(Sysctls.COMMAND);
            KernelSettings settings = Sysctls.parse(result.stdout()).settings();
            if (settings.ipForward().isEmpty()) {
                gaps.add("kernel: could not read net.ipv4.ip_forward with '" + result.commandLine() + "' on "
                        + runner.target().describe() + ": " + result.stderr().strip());
            }
            return settings;
        } catch (HostException e) {
            gaps.add("kernel: " + e.getMessage());
            return KernelSettings.unknown();
        }
    }

    private Optional<String> output(List<String> argv, List<String> gaps) {
        try {
            return Optional.of(runner.output(argv));
        } catch (HostException e) {
            gaps.add("kernel: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static <T> Optional<T> parse(java.util.function.Supplier<T> parse, List<String> gaps) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException e) {
            gaps.add("kernel: " + e.getMessage());
            return Optional.empty();
        }
    }
}
