package dev.virtwire.host.kernel;

import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.model.KernelSettings;
import dev.virtwire.model.Link;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Reads a host's links, routes of both families, neighbour tables, bridge ports and sysctls at a target: one command
 * each, whatever the number of links, all started at once; a command about one guest reads only the settings of the
 * links on its path. A command that fails becomes a gap; the rest is still returned.
 */
public final class KernelReader {
    private final CommandRunner runner;
    private final Executor executor;

    /** @param executor runs the commands side by side (they mostly wait for the kernel or ssh) */
    public KernelReader(CommandRunner runner, Executor executor) {
        this.runner = runner;
        this.executor = executor;
    }

    /** Everything, each link's own settings (forwarding, IPv6 switches) included. */
    public KernelFacts read() {
        return read(true);
    }

    /**
     * Every link, route and neighbour and the host's own switches, but no link's own settings: a command about
     * one guest asks for those of the links on its path ({@link #withSettingsOf}) once it knows them.
     */
    public KernelFacts readWithoutLinkSettings() {
        return read(false);
    }

    /**
     * {@code base} with the own settings of these links (and IPv6's all and default) in place of whatever it
     * had: one sysctl process naming each key, where a full read walks every link's.
     */
    public KernelFacts withSettingsOf(KernelFacts base, Collection<String> links) {
        List<String> gaps = new ArrayList<>(base.gaps());
        KernelSettings of = KernelSettings.unknown();
        try {
            // a key that is not there (a link gone since, a link without IPv6) is skipped: sysctl exits non-zero
            CommandResult result = runner.run(Sysctls.commandFor(links));
            of = Sysctls.parse(result.stdout()).settings();
            if (result.stdout().isBlank()) {
                gaps.add("kernel: could not read the settings of " + String.join(", ", links) + " with sysctl on "
                        + runner.target().describe() + ": " + result.stderr().strip());
            }
        } catch (HostException e) {
            gaps.add("kernel: " + e.getMessage());
        }
        KernelSettings s = base.settings();
        return new KernelFacts(base.links(), base.routes(), new KernelSettings(s.ipForward(),
                s.bridgeNfCallIptables(), s.bridgeNfCallIp6tables(), s.bridgeNfCallArptables(), of.notForwarding(),
                of.ipv6()), base.neighbours(), gaps, base.routes6());
    }

    /** @param everyLink whether each link's own settings are read too */
    private KernelFacts read(boolean everyLink) {
        List<String> gaps = new CopyOnWriteArrayList<>();
        // `ip -d addr` carries both the link details and the addresses: one process instead of two
        var ipAddr = linksOf(start(List.of("ip", "-j", "-d", "addr", "show"), gaps), gaps);
        var bridgeLink = start(List.of("bridge", "-j", "link", "show"), gaps);
        var ipRoute = start(List.of("ip", "-j", "route", "show"), gaps);
        var ipRoute6 = start(List.of("ip", "-6", "-j", "route", "show"), gaps);
        var ipNeigh = start(List.of("ip", "-j", "neigh", "show"), gaps);
        var linkSettings = everyLink ? everyLinksSettings(ipAddr, gaps)
                : CompletableFuture.completedFuture(UnaryOperator.<Sysctls>identity());
        var sysctl = CompletableFuture.supplyAsync(() -> sysctls(gaps), executor)
                .thenCombine(linkSettings, (s, add) -> add.apply(s));
        // every command finishes (and reports its gap) before the facts are put together
        CompletableFuture.allOf(ipAddr, bridgeLink, ipRoute, ipRoute6, ipNeigh, sysctl).join();

        List<Link> links = withPorts(ipAddr.join(), bridgeLink.join(), gaps).orElse(List.of());
        List<Route> routes = ipRoute.join().flatMap(r -> parse(() -> RouteTable.routes(r), gaps)).orElse(List.of());
        List<Route> routes6 = ipRoute6.join().flatMap(r -> parse(() -> RouteTable.routes(r), gaps))
                .orElse(List.of());
        List<Neighbour> neighbours = ipNeigh.join().flatMap(n -> parse(() -> Neighbour.parse(n), gaps))
                .orElse(List.of());
        return new KernelFacts(links, routes, sysctl.join().settings(), neighbours, new ArrayList<>(gaps), routes6);
    }

    /**
     * Each link's IPv4 forwarding (one netconf dump) and IPv6 switches (their files named, once the links are
     * known), added to the host's switches.
     */
    private CompletableFuture<UnaryOperator<Sysctls>> everyLinksSettings(
            CompletableFuture<Optional<List<Link>>> links, List<String> gaps) {
        var netconf = start(Sysctls.NETCONF, gaps);
        var ipv6 = links.thenCompose(l -> ipv6Switches(l.orElse(List.of()).stream().map(Link::name).toList(), gaps));
        return netconf.thenCombine(ipv6, (n, v6) -> s -> {
            Sysctls withNetconf = n.flatMap(json -> parse(() -> s.withNetconf(json), gaps)).orElse(s);
            return v6.map(withNetconf::withIpv6).orElse(withNetconf);
        });
    }

    /** The IPv6 switches' lines of these links, their commands side by side; a link without a folder is skipped. */
    private CompletableFuture<Optional<String>> ipv6Switches(List<String> names, List<String> gaps) {
        List<CompletableFuture<CommandResult>> parts = Sysctls.ipv6Commands(names).stream()
                .map(argv -> CompletableFuture.supplyAsync(() -> runner.run(argv), executor)).toList();
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).handle((done, failed) -> {
            if (failed != null) {
                gaps.add("kernel: " + (failed.getCause() != null ? failed.getCause() : failed).getMessage());
                return Optional.empty();
            }
            String lines = parts.stream().map(p -> p.join().stdout()).collect(Collectors.joining());
            if (lines.isBlank()) {
                CommandResult first = parts.get(0).join();
                gaps.add("kernel: could not read the IPv6 switches (/proc/sys/net/ipv6/conf) on "
                        + runner.target().describe() + ": " + first.stderr().strip().lines().findFirst()
                        .orElse("grep exited " + first.exitCode()));
                return Optional.empty();
            }
            return Optional.of(lines);
        });
    }

    /** The links of an {@code ip -j -d addr} output, without their bridge ports yet. */
    private CompletableFuture<Optional<List<Link>>> linksOf(CompletableFuture<Optional<String>> ipAddr,
                                                            List<String> gaps) {
        return ipAddr.thenApply(a -> a.flatMap(json -> parse(() -> LinkTable.links(json), gaps)));
    }

    /**
     * The links with their bridge ports; {@code bridge vlan} is asked only when a bridge filters VLANs
     * (otherwise it has nothing to say, and a host with a thousand links is spared a process).
     */
    private Optional<List<Link>> withPorts(Optional<List<Link>> plain, Optional<String> bridgeLink,
                                           List<String> gaps) {
        if (plain.isEmpty()) {
            return plain;
        }
        boolean filtering = plain.get().stream().anyMatch(l -> l.bridge().filter(b -> b.vlanFiltering()).isPresent());
        String vlans = filtering ? start(List.of("bridge", "-j", "vlan", "show"), gaps).join().orElse("[]") : "[]";
        return parse(() -> BridgeTables.withPorts(plain.get(), bridgeLink.orElse("[]"), vlans), gaps);
    }

    /** Which port each MAC was last seen on ({@code bridge -j fdb}): asked for when needed, not in every read. */
    public List<BridgeTables.FdbEntry> fdb() {
        return BridgeTables.fdb(runner.output(List.of("bridge", "-j", "fdb", "show")));
    }

    /**
     * Only the links again (after {@code ip monitor} named links or addresses): two commands instead of
     * five; routes, ARP and sysctls stay as they were read last.
     */
    public KernelFacts readLinks(KernelFacts previous) {
        List<String> gaps = new CopyOnWriteArrayList<>();
        var ipAddr = linksOf(start(List.of("ip", "-j", "-d", "addr", "show"), gaps), gaps);
        var bridgeLink = start(List.of("bridge", "-j", "link", "show"), gaps);
        CompletableFuture.allOf(ipAddr, bridgeLink).join();
        Optional<List<Link>> links = withPorts(ipAddr.join(), bridgeLink.join(), gaps);
        List<String> allGaps = new ArrayList<>(previous.gaps());
        gaps.stream().filter(g -> !allGaps.contains(g)).forEach(allGaps::add);
        return new KernelFacts(links.orElse(previous.links()), previous.routes(), previous.settings(),
                previous.neighbours(), allGaps, previous.routes6());
    }

    private Sysctls sysctls(List<String> gaps) {
        // sysctl exits non-zero when a subtree is missing (net.bridge without br_netfilter); the rest is good
        try {
            CommandResult result = runner.run(Sysctls.COMMAND);
            Sysctls sysctls = Sysctls.parse(result.stdout());
            if (sysctls.settings().ipForward().isEmpty()) {
                gaps.add("kernel: could not read net.ipv4.ip_forward with '" + result.commandLine() + "' on "
                        + runner.target().describe() + ": " + result.stderr().strip());
            }
            return sysctls;
        } catch (HostException e) {
            gaps.add("kernel: " + e.getMessage());
            return Sysctls.parse("");
        }
    }

    private CompletableFuture<Optional<String>> start(List<String> argv, List<String> gaps) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Optional.of(runner.output(argv));
            } catch (HostException e) {
                gaps.add("kernel: " + e.getMessage());
                return Optional.empty();
            }
        }, executor);
    }

    private static <T> Optional<T> parse(Supplier<T> parse, List<String> gaps) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException e) {
            gaps.add("kernel: " + e.getMessage());
            return Optional.empty();
        }
    }
}
