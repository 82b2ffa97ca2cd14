package dev.virtwire.host.firewall;

import dev.virtwire.host.HostException;
import dev.virtwire.host.HostTextFiles;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.model.DockerDaemon;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldSettings;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.Ipv6Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Reads the packet filter at a target: {@code iptables -V} (which flavour), {@code iptables-save -c},
 * {@code ip6tables-save -c} and {@code nft -j list ruleset}, what the firewall managers saved
 * ({@code /etc/nftables.conf}, {@code /etc/iptables/rules.v4}) and Docker's {@code /etc/docker/daemon.json}. Seven
 * commands, whatever the number of rules; what
 * fails becomes a gap.
 */
public final class FirewallReader {
    private final CommandRunner runner;
    private final boolean listsFirewalld;
    private final Executor executor;
    private volatile Optional<String> iptablesVersion = Optional.empty();
    /** firewalld's listings, taken again while its table stays the same (see {@link FirewalldListings}). */
    private final FirewalldListings firewalld = new FirewalldListings(System::nanoTime, this::listFirewalld);

    /** The firewall and what could not be read of it. */
    public record Reading(FirewallState state, List<String> gaps) {
    }

    /** @param executor runs the three commands side by side */
    public FirewallReader(CommandRunner runner, Executor executor) {
        this(runner, executor, true);
    }

    /** @param listsFirewalld false: the rules and counters only (a probe's second look), no firewall-cmd runs */
    public FirewallReader(CommandRunner runner, Executor executor, boolean listsFirewalld) {
        this.runner = runner;
        this.executor = executor;
        this.listsFirewalld = listsFirewalld;
    }

    public Reading read() {
        List<String> gaps = new CopyOnWriteArrayList<>();
        // which iptables is installed does not change while Virtwire runs: asked once
        Optional<String> known = iptablesVersion;
        var versionRead = known.isPresent() ? CompletableFuture.completedFuture(known)
                : CompletableFuture.supplyAsync(() -> output(List.of("iptables", "-V"), gaps), executor);
        var saveRead = CompletableFuture.supplyAsync(() -> output(List.of("iptables-save", "-c"), gaps), executor);
        var save6Read = CompletableFuture.supplyAsync(() -> output(List.of("ip6tables-save", "-c"), gaps), executor);
        var confRead = CompletableFuture.supplyAsync(() -> file(SavedFirewallFiles.NFTABLES_CONF, gaps), executor);
        var rulesV4Read = CompletableFuture.supplyAsync(() -> file(SavedFirewallFiles.RULES_V4, gaps), executor);
        var dockerRead = CompletableFuture.supplyAsync(() -> file(DockerDaemon.PATH, gaps), executor);
        var nftRead = CompletableFuture.supplyAsync(() -> output(List.of("nft", "-j", "list", "ruleset"), gaps),
                executor);
        Optional<String> version = versionRead.join();
        iptablesVersion = version;
        Optional<String> save = saveRead.join();
        Optional<String> nft = nftRead.join();
        boolean iptablesNft = version.map(v -> v.contains("nf_tables")).orElse(false);
        SavedFirewallFiles saved = SavedFirewallFiles.of(confRead.join(), rulesV4Read.join());
        saved.problems().forEach(p -> gaps.add("firewall: " + p));
        DockerDaemon docker = DockerDaemonJson.read(dockerRead.join());
        docker.problem().ifPresent(p -> gaps.add("firewall: " + p));
        try {
            FirewallState state = combine(version, save, nft, iptablesNft, saved)
                    .withIpv6(ipv6(save6Read.join(), nft, iptablesNft, saved)).withDocker(docker);
            if (listsFirewalld && state.runs(FirewallTool.FIREWALLD)) {
                state = state.withFirewalld(firewalld.of(state, gaps));
            }
            return new Reading(state, new ArrayList<>(gaps));
        } catch (IllegalArgumentException e) {
            gaps.add("firewall: " + e.getMessage());
            return new Reading(FirewallState.unknown(), new ArrayList<>(gaps));
        }
    }

    /** Pure: the state the three outputs describe, nothing saved known. */
    public static FirewallState combine(Optional<String> iptablesVersion, Optional<String> iptablesSave,
                                       Optional<String> nftJson, boolean iptablesNft) {
        return combine(iptablesVersion, iptablesSave, nftJson, iptablesNft, SavedFirewallFiles.none());
    }

    /** Pure: the state the outputs and the saved files describe. */
    public static FirewallState combine(Optional<String> iptablesVersion, Optional<String> iptablesSave,
                                       Optional<String> nftJson, boolean iptablesNft,
                                       Optional<String> nftablesConf, Optional<String> rulesV4) {
        return combine(iptablesVersion, iptablesSave, nftJson, iptablesNft,
                SavedFirewallFiles.of(nftablesConf, rulesV4));
    }

    private static FirewallState combine(Optional<String> iptablesVersion, Optional<String> iptablesSave,
                                        Optional<String> nftJson, boolean iptablesNft, SavedFirewallFiles saved) {
        Map<String, String> policies = new LinkedHashMap<>();
        List<FirewallRule> rules = new ArrayList<>();
        List<FirewallChain> chains = new ArrayList<>();
        List<String> nftTables = List.of();
        List<FirewallRule> iptablesRules = List.of();
        if (iptablesSave.isPresent()) {
            IptablesSave.Result r = IptablesSave.parse(iptablesSave.get());
            policies.putAll(r.policies());
            iptablesRules = r.rules();
            rules.addAll(iptablesRules);
            chains.addAll(r.chains());
        }
        List<FirewallRule> nftRules = List.of();
        if (nftJson.isPresent()) {
            // iptables-nft's own tables are better read by iptables-save (its "xt" matches are opaque in JSON)
            NftRuleset.Result r = NftRuleset.parse(nftJson.get(), iptablesNft && iptablesSave.isPresent());
            policies.putAll(r.policies());
            nftRules = r.rules();
            rules.addAll(nftRules);
            chains.addAll(r.chains());
            nftTables = r.tables();
        }
        FirewallOwners.Owners owners = FirewallOwners.of(rules, nftTables, saved);
        return new FirewallState(backend(iptablesVersion, iptablesRules, nftRules, nftJson.isPresent()), policies,
                owners.rules(), chains, owners.managers(), saved.nftablesConf(), saved.rulesV4(), Ipv6Filter.none());
    }

    /** Pure: the IPv6 filter that {@code ip6tables-save -c} and the ip6/inet tables of {@code nft -j} describe. */
    public static Ipv6Filter ipv6(Optional<String> ip6tablesSave, Optional<String> nftJson, boolean iptablesNft) {
        return ipv6(ip6tablesSave, nftJson, iptablesNft, SavedFirewallFiles.none());
    }

    /** As above, each rule with who puts it back after a reboot ({@code saved_by}), as the IPv4 rules have. */
    public static Ipv6Filter ipv6(Optional<String> ip6tablesSave, Optional<String> nftJson, boolean iptablesNft,
                                  Optional<String> nftablesConf) {
        return ipv6(ip6tablesSave, nftJson, iptablesNft, SavedFirewallFiles.of(nftablesConf, Optional.empty()));
    }

    private static Ipv6Filter ipv6(Optional<String> ip6tablesSave, Optional<String> nftJson, boolean iptablesNft,
                                   SavedFirewallFiles saved) {
        Map<String, String> policies = new LinkedHashMap<>();
        List<FirewallRule> rules = new ArrayList<>();
        List<FirewallChain> chains = new ArrayList<>();
        ip6tablesSave.map(IptablesSave::parse).ifPresent(r -> {
            policies.putAll(r.policies());
            rules.addAll(r.rules());
            chains.addAll(r.chains());
        });
        nftJson.map(j -> NftRuleset.parseIpv6(j, iptablesNft && ip6tablesSave.isPresent())).ifPresent(r -> {
            policies.putAll(r.policies());
            rules.addAll(r.rules());
            chains.addAll(r.chains());
        });
        return new Ipv6Filter(policies, FirewallOwners.ofIpv6(rules, saved), chains);
    }

    /** The filter the guest rules live in: iptables rules win, then native nftables ones (libvirt ≥ 10). */
    static FirewallBackend backend(Optional<String> iptablesVersion, List<FirewallRule> iptablesRules,
                                   List<FirewallRule> nftRules, boolean nftRead) {
        if (!iptablesRules.isEmpty()) {
            return iptablesVersion.filter(v -> v.contains("legacy")).isPresent() ? FirewallBackend.IPTABLES_LEGACY
                    : FirewallBackend.IPTABLES_NFT;
        }
        if (!nftRules.isEmpty()) {
            return FirewallBackend.NFTABLES;
        }
        return iptablesVersion.isPresent() || nftRead ? FirewallBackend.NONE : FirewallBackend.UNKNOWN;
    }

    /**
     * firewalld's zones and policies with their rich rules, run time and permanent, as firewall-cmd lists them
     * (its table does not say which policy or rich rule made a rule, nor what is saved); empty, with a gap, when a
     * listing fails (firewall-cmd reaches firewalld over D-Bus, which a bare network namespace may not have).
     */
    private Optional<FirewalldSettings> listFirewalld(List<String> gaps) {
        List<CompletableFuture<Optional<String>>> reads = FirewalldListing.COMMANDS.stream()
                .map(argv -> CompletableFuture.supplyAsync(() -> output(argv, gaps), executor)).toList();
        List<Optional<String>> printed = reads.stream().map(CompletableFuture::join).toList();
        if (printed.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        try {
            return Optional.of(FirewalldListing.of(new FirewalldListing.Printed(printed.get(0).get(),
                    printed.get(1).get(), printed.get(2).get(), printed.get(3).get())));
        } catch (IllegalArgumentException e) {
            gaps.add("firewall: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A saved file's text; empty when the host has none (or it cannot be read: then a gap says so). */
    private Optional<String> file(String path, List<String> gaps) {
        try {
            return HostTextFiles.textOf(path, runner.run(HostTextFiles.readArgv(path)), runner.target().describe());
        } catch (HostException e) {
            gaps.add("firewall: " + e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<String> output(List<String> argv, List<String> gaps) {
        try {
            CommandResult result = runner.run(argv);
            if (result.ok()) {
                return Optional.of(result.stdout());
            }
            String err = result.stderr().strip();
            String hint = err.contains("Permission denied") || err.contains("Operation not permitted")
                    ? " (reading the firewall needs root: run Virtwire as root or via sudo/polkit)" : "";
            gaps.add("firewall: '" + result.commandLine() + "' failed on " + runner.target().describe() + ": " + err
                    + hint);
        } catch (HostException e) {
            gaps.add("firewall: " + e.getMessage());
        }
        return Optional.empty();
    }
}
