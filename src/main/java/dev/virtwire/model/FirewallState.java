package dev.virtwire.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's packet filter as far as guest traffic is concerned.
 *
 * @param policies base chain policies keyed "table/chain", e.g. "filter/FORWARD" -> "DROP"
 * @param chains   the base chains with their hook and priority (empty when only policies are known)
 * @param managers the firewall managers and rule-making programs found
 * @param nftablesConf the text of /etc/nftables.conf when Virtwire could follow it (it saves its rules there, in
 *                     a block of its own); empty without the file, and in the JSON (which does not carry it)
 * @param rulesV4  the text of iptables-persistent's /etc/iptables/rules.v4 (Virtwire saves port forwards there, in
 *                 blocks of its own); empty without the file, and in the JSON
 * @param ipv6     the IPv6 filter (ip6tables, nft ip6 and inet tables); policies, rules and chains are IPv4's
 *                 (iptables, nft ip and inet tables)
 * @param docker   what /etc/docker/daemon.json says of Docker's firewall (its nftables backend, its accept mark)
 * @param firewalld firewalld's zones and policies as firewall-cmd lists them; empty where firewalld does not run
 *                 or they could not be listed
 */
public record FirewallState(FirewallBackend backend, Map<String, String> policies, List<FirewallRule> rules,
                            List<FirewallChain> chains, List<FirewallToolFound> managers,
                            Optional<String> nftablesConf, Optional<String> rulesV4, Ipv6Filter ipv6,
                            DockerDaemon docker, Optional<FirewalldSettings> firewalld) {

    public FirewallState {
        policies = Map.copyOf(policies);
        rules = List.copyOf(rules);
        chains = List.copyOf(chains);
        managers = List.copyOf(managers);
        java.util.Objects.requireNonNull(nftablesConf, "nftablesConf");
        java.util.Objects.requireNonNull(rulesV4, "rulesV4");
        java.util.Objects.requireNonNull(ipv6, "ipv6");
        java.util.Objects.requireNonNull(docker, "docker");
        java.util.Objects.requireNonNull(firewalld, "firewalld");
    }

    /** A filter with nothing read of Docker's daemon.json nor listed by firewall-cmd. */
    public FirewallState(FirewallBackend backend, Map<String, String> policies, List<FirewallRule> rules,
                         List<FirewallChain> chains, List<FirewallToolFound> managers,
                         Optional<String> nftablesConf, Optional<String> rulesV4, Ipv6Filter ipv6) {
        this(backend, policies, rules, chains, managers, nftablesConf, rulesV4, ipv6, DockerDaemon.none(),
                Optional.empty());
    }

    public FirewallState(FirewallBackend backend, Map<String, String> policies, List<FirewallRule> rules,
                         List<FirewallChain> chains, List<FirewallToolFound> managers, Optional<String> nftablesConf) {
        this(backend, policies, rules, chains, managers, nftablesConf, Optional.empty(), Ipv6Filter.none());
    }

    public FirewallState(FirewallBackend backend, Map<String, String> policies, List<FirewallRule> rules,
                         List<FirewallChain> chains, List<FirewallToolFound> managers) {
        this(backend, policies, rules, chains, managers, Optional.empty());
    }

    public FirewallState(FirewallBackend backend, Map<String, String> policies, List<FirewallRule> rules) {
        this(backend, policies, rules, List.of(), List.of());
    }

    public static FirewallState unknown() {
        return new FirewallState(FirewallBackend.UNKNOWN, Map.of(), List.of());
    }

    public Optional<String> policy(String table, String chain) {
        return Optional.ofNullable(policies.get(table + "/" + chain));
    }

    /** The same filter with other rules (a write, simulated), chains and managers kept. */
    public FirewallState withRules(List<FirewallRule> newRules) {
        return new FirewallState(backend, policies, newRules, chains, managers, nftablesConf, rulesV4, ipv6, docker,
                firewalld);
    }

    /** The same filter with /etc/nftables.conf saying {@code text} (a write, simulated). */
    public FirewallState withNftablesConf(String text) {
        return new FirewallState(backend, policies, rules, chains, managers, Optional.of(text), rulesV4, ipv6, docker,
                firewalld);
    }

    /** The same filter with /etc/iptables/rules.v4 saying {@code text} (a write, simulated). */
    public FirewallState withRulesV4(String text) {
        return new FirewallState(backend, policies, rules, chains, managers, nftablesConf, Optional.of(text), ipv6,
                docker,                firewalld);
    }

    /** The IPv6 filter in the shape of this one (its backend and managers), for code that walks either. */
    public FirewallState ipv6View() {
        return new FirewallState(backend, ipv6.policies(), ipv6.rules(), ipv6.chains(), managers);
    }

    /** The same filter with this IPv6 filter. */
    public FirewallState withIpv6(Ipv6Filter filter) {
        return new FirewallState(backend, policies, rules, chains, managers, nftablesConf, rulesV4, filter, docker,
                firewalld);
    }

    /** The same filter with what daemon.json says. */
    public FirewallState withDocker(DockerDaemon daemon) {
        return new FirewallState(backend, policies, rules, chains, managers, nftablesConf, rulesV4, ipv6, daemon,
                firewalld);
    }

    /** The same filter with firewalld's zones and policies as firewall-cmd listed them. */
    public FirewallState withFirewalld(Optional<FirewalldSettings> settings) {
        return new FirewallState(backend, policies, rules, chains, managers, nftablesConf, rulesV4, ipv6, docker,
                settings);
    }

    /** The same filter with these base chains (a write, simulated). */
    public FirewallState withChains(List<FirewallChain> newChains) {
        return new FirewallState(backend, policies, rules, newChains, managers, nftablesConf, rulesV4, ipv6, docker,
                firewalld);
    }

    public Optional<FirewallChain> chain(String table, String name) {
        return chains.stream().filter(c -> c.table().equals(table) && c.name().equals(name)).findFirst();
    }

    /** The base chains at a hook, in the order the kernel runs them (lowest priority first). */
    public List<FirewallChain> at(String hook) {
        return chains.stream().filter(c -> c.hook().equals(hook))
                .sorted(Comparator.comparingInt(FirewallChain::priority).thenComparing(FirewallChain::key)).toList();
    }

    public boolean runs(FirewallTool tool) {
        return managers.stream().anyMatch(m -> m.tool() == tool && m.running());
    }
}
