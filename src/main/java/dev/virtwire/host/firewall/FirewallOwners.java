package dev.virtwire.host.firewall;

import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.FirewallToolFound;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Who owns the rules that are loaded, and so who puts each back after a reboot: libvirt (its LIBVIRT_*
 * chains, libvirt 10's {@code libvirt_network} table), Docker (DOCKER* chains, its {@code docker*} nftables
 * tables), firewalld (its {@code firewalld} table), ufw (ufw-* chains), then what is saved in
 * /etc/nftables.conf (by table) and /etc/iptables/rules.v4 (rule by rule). A rule Virtwire wrote into
 * another owner's chain is not that owner's: libvirt, for one, drops it when the network restarts. Pure.
 */
final class FirewallOwners {
    private static final String VIRTWIRE_COMMENT = "virtwire:";
    /** Docker's default bridge and those of its user networks: its MASQUERADE sits in POSTROUTING itself. */
    private static final Pattern DOCKER_BRIDGE = Pattern.compile("\\b(docker0|br-[0-9a-f]{12})\\b");

    /** The rules with their keeper, and the tools found. */
    record Owners(List<FirewallRule> rules, List<FirewallToolFound> managers) {
    }

    private FirewallOwners() {
    }

    static Owners of(List<FirewallRule> rules, List<String> nftTables, SavedFirewallFiles saved) {
        List<FirewallRule> kept = rules.stream().map(r -> r.withSavedBy(keeper(r, saved))).toList();
        List<FirewallToolFound> found = new ArrayList<>();
        program(FirewallTool.LIBVIRT, rules, nftTables, t -> t.equals("libvirt_network"), c -> c.startsWith("LIBVIRT_"))
                .ifPresent(found::add);
        program(FirewallTool.DOCKER, rules, nftTables, t -> t.startsWith("docker"), c -> c.startsWith("DOCKER"))
                .ifPresent(found::add);
        program(FirewallTool.FIREWALLD, rules, nftTables, t -> t.equals("firewalld"), c -> false).ifPresent(found::add);
        // a disabled ufw leaves its skeleton (FORWARD jumping to empty ufw-before-forward and kin); only an enabled
        // one hooks in its ufw-user-* chains, where `ufw route allow` puts its rules
        program(FirewallTool.UFW, rules, nftTables, t -> false, c -> c.startsWith("ufw-user-")).ifPresent(found::add);
        saved.nftablesTables().ifPresent(declared -> {
            List<String> loaded = declared.stream().filter(nftTables::contains).toList();
            found.add(new FirewallToolFound(FirewallTool.NFTABLES, !loaded.isEmpty(), SavedFirewallFiles.NFTABLES_CONF
                    + (declared.isEmpty() ? " declares no table" : " declares " + tableList(declared)
                    + (loaded.isEmpty() ? ", none loaded" : "")) + includes(saved)));
        });
        saved.iptablesRules().ifPresent(file -> {
            long loaded = kept.stream().filter(r -> r.savedBy().orElse(null) == FirewallTool.IPTABLES_PERSISTENT)
                    .count();
            found.add(new FirewallToolFound(FirewallTool.IPTABLES_PERSISTENT, loaded > 0, SavedFirewallFiles.RULES_V4
                    + " saves " + file.rules().size() + " rules of filter and nat, " + loaded + " of them loaded"));
        });
        return new Owners(kept, found);
    }

    /**
     * The IPv6 filter's rules with their keeper, as the IPv4 ones: by their program's chains and tables, and by
     * /etc/nftables.conf for nft tables. /etc/iptables/rules.v6 is not read, so no ip6tables rule is taken for
     * iptables-persistent's.
     */
    static List<FirewallRule> ofIpv6(List<FirewallRule> rules, SavedFirewallFiles saved) {
        return rules.stream().map(r -> r.withSavedBy(keeper(r, saved, true))).toList();
    }

    /** The program or saved file that makes the rule again when the host starts. */
    static Optional<FirewallTool> keeper(FirewallRule r, SavedFirewallFiles saved) {
        return keeper(r, saved, false);
    }

    private static Optional<FirewallTool> keeper(FirewallRule r, SavedFirewallFiles saved, boolean ipv6) {
        if (r.comment().filter(c -> c.startsWith(VIRTWIRE_COMMENT)).isPresent()) {
            return saved.virtwireSaves(r.table(), r.chain(), r.comment().get()) ? Optional.of(FirewallTool.VIRTWIRE)
                    : Optional.empty();
        }
        String table = r.table();
        if (table.endsWith(" libvirt_network") || r.chain().startsWith("LIBVIRT_")
                || r.verdict().startsWith("LIBVIRT_")) {
            return Optional.of(FirewallTool.LIBVIRT);
        }
        // DOCKER-USER is Docker's chain for the user's rules: Docker makes only its final RETURN again
        boolean usersOwn = r.chain().equals("DOCKER-USER") && !r.verdict().equals("RETURN");
        if (!usersOwn && (nftName(table).startsWith("docker") || r.chain().startsWith("DOCKER")
                || r.verdict().startsWith("DOCKER") || DOCKER_BRIDGE.matcher(r.text()).find())) {
            return Optional.of(FirewallTool.DOCKER);
        }
        if (nftName(table).equals("firewalld")) {
            return Optional.of(FirewallTool.FIREWALLD);
        }
        if (r.chain().startsWith("ufw-") || r.verdict().startsWith("ufw-")) {
            return Optional.of(FirewallTool.UFW);
        }
        if (saved.nftablesTables().filter(t -> t.contains(table)).isPresent()) {
            return Optional.of(FirewallTool.NFTABLES);
        }
        boolean inRulesV4 = !ipv6 && saved.iptablesRules().stream().flatMap(f -> f.rules().stream())
                .anyMatch(s -> s.table().equals(table) && s.chain().equals(r.chain()) && sameWords(s.text(), r.text()));
        return inRulesV4 ? Optional.of(FirewallTool.IPTABLES_PERSISTENT) : Optional.empty();
    }

    /**
     * The same rule whatever its quoting: iptables-save quotes every comment, the lines Virtwire saves do not (both
     * restore alike).
     */
    private static boolean sameWords(String saved, String running) {
        return saved.equals(running) || IptablesSave.words(saved).equals(IptablesSave.words(running));
    }

    /** A program seen by its nftables tables (by name) or its iptables chains. */
    private static Optional<FirewallToolFound> program(FirewallTool tool, List<FirewallRule> rules,
                                                      List<String> nftTables, Predicate<String> tableIs,
                                                      Predicate<String> chainIs) {
        List<String> tables = nftTables.stream().filter(t -> tableIs.test(nftName(t))).toList();
        Set<String> chains = new LinkedHashSet<>();
        rules.stream().filter(r -> !r.table().contains(" ")).forEach(r -> {
            if (chainIs.test(r.chain())) {
                chains.add(r.table() + "/" + r.chain());
            }
            if (chainIs.test(r.verdict())) {
                chains.add(r.table() + "/" + r.verdict());
            }
        });
        if (tables.isEmpty() && chains.isEmpty()) {
            return Optional.empty();
        }
        List<String> seen = new ArrayList<>();
        if (!tables.isEmpty()) {
            seen.add(tableList(tables));
        }
        if (!chains.isEmpty()) {
            seen.add("chains " + String.join(", ", chains));
        }
        return Optional.of(new FirewallToolFound(tool, true, String.join("; ", seen)));
    }

    private static String tableList(List<String> tables) {
        return (tables.size() == 1 ? "table " : "tables ") + String.join(", ", tables);
    }

    private static String includes(SavedFirewallFiles saved) {
        return saved.nftablesIncludes().isEmpty() ? "" : "; includes " + String.join(", ", saved.nftablesIncludes());
    }

    /** "inet firewalld" -> "firewalld"; an iptables table name has no family. */
    private static String nftName(String table) {
        return table.substring(table.indexOf(' ') + 1);
    }
}
