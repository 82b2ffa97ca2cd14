package dev.virtwire.model;

import java.util.List;
import java.util.Optional;

/**
 * Virtwire's way through Docker 29's nftables chains, which have no DOCKER-USER and whose drops an accept in
 * another table cannot override: the bridge's forwarded packets get Docker's {@code bridge-accept-fwmark} in a
 * base chain of Virtwire's own table, at a priority before Docker's ({@code filter - 1}), so that Docker's chain
 * accepts them. The rule carries {@link #comment()}, by which Virtwire finds it again.
 */
public record DockerAcceptMark(String bridge, FwMark mark) {
    /** An inet table: Docker's drops are in both its ip and ip6 docker-bridges tables. */
    public static final String TABLE = "inet virtwire";
    public static final String CHAIN = "docker-accept-mark";
    /** Docker's forward chains run at priority filter (0): marking must come first. */
    public static final int PRIORITY = -1;
    public static final String COMMENT_PREFIX = "virtwire:docker-mark:";

    public String comment() {
        return COMMENT_PREFIX + bridge;
    }

    /** The bridges Virtwire marks, each once. */
    public static List<String> bridges(FirewallState firewall) {
        return firewall.rules().stream().filter(DockerAcceptMark::isMarkRule)
                .map(r -> r.comment().get().substring(COMMENT_PREFIX.length())).distinct().toList();
    }

    /** Whether the firewall marks this bridge's packets. */
    public static boolean marks(FirewallState firewall, String bridge) {
        return bridges(firewall).contains(bridge);
    }

    /** Virtwire's marking rule (of any bridge). */
    public static boolean isMarkRule(FirewallRule r) {
        return r.table().equals(TABLE) && r.chain().equals(CHAIN)
                && r.comment().filter(c -> c.startsWith(COMMENT_PREFIX)).isPresent();
    }

    /** Whether this filter holds Virtwire's marking chain at all. */
    public static boolean chainExists(FirewallState firewall) {
        return firewall.chain(TABLE, CHAIN).isPresent()
                || firewall.rules().stream().anyMatch(r -> r.table().equals(TABLE) && r.chain().equals(CHAIN));
    }

    /** Whether Virtwire's table has chains other than the marking one (its port forwards' prerouting, say). */
    public static boolean tableHasOtherChains(FirewallState firewall) {
        return firewall.chains().stream().anyMatch(c -> c.table().equals(TABLE) && !c.name().equals(CHAIN))
                || firewall.rules().stream().anyMatch(r -> r.table().equals(TABLE) && !r.chain().equals(CHAIN));
    }

    public String describe() {
        return "mark " + bridge + "'s forwarded packets with Docker's bridge-accept-fwmark " + mark.describe()
                + " in " + TABLE + "/" + CHAIN;
    }

    /** Optional view: the marking rule of this bridge, as the reader lists it. */
    public static Optional<FirewallRule> rule(FirewallState firewall, String bridge) {
        return firewall.rules().stream().filter(DockerAcceptMark::isMarkRule)
                .filter(r -> r.comment().get().equals(COMMENT_PREFIX + bridge)).findFirst();
    }
}
