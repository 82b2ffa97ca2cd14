package dev.virtwire.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Virtwire's accept rules that let one bridge's traffic through the host's forward filter: everything that
 * comes in by the bridge (routed out, or bridged across it when br_netfilter hands bridged frames to
 * iptables) and the replies going back into it. The fix for a FORWARD policy DROP (Docker's, usually) that
 * starves guests. Both rules carry {@link #comment()}, by which Virtwire finds them again.
 *
 * On nftables the rules go into the base chain that drops (e.g. {@code inet filter/forward}), one pair per
 * such chain: an accept in one table does not override a drop in another at the same hook.
 *
 * @param table "filter" for iptables; nftables' family and table, e.g. "inet filter"
 * @param chain FORWARD, or DOCKER-USER where Docker is present (Docker documents that chain for user rules
 *              and re-inserts its own jump ahead of anything put into FORWARD); the nftables base chain
 */
public record ForwardAccept(String bridge, String table, String chain) {

    public ForwardAccept {
        // journals written before nftables accepts name no table: theirs were iptables' filter table
        table = table == null || table.isBlank() ? "filter" : table;
    }

    /** An iptables accept (table filter). */
    public ForwardAccept(String bridge, String chain) {
        this(bridge, "filter", chain);
    }

    /** Whether the rules are nftables' ("family table"), not iptables'. */
    public boolean nftables() {
        return table.contains(" ");
    }
    public static final String COMMENT_PREFIX = "virtwire:accept:";
    private static final Pattern COMMENT = Pattern.compile(Pattern.quote(COMMENT_PREFIX) + "([A-Za-z0-9_.-]{1,15})");

    /** The comment on both rules, e.g. {@code virtwire:accept:virbr0}. */
    public String comment() {
        return COMMENT_PREFIX + bridge;
    }

    /** Every bridge Virtwire lets through, with the chain its rules are in, each once, in rule order. */
    public static List<ForwardAccept> in(FirewallState firewall) {
        return firewall.rules().stream().flatMap(r -> r.comment().flatMap(ForwardAccept::bridgeOf)
                .map(b -> new ForwardAccept(b, r.table(), r.chain())).stream()).distinct().toList();
    }

    /** The accept of this bridge, if the firewall has it (the first, where nftables has one per table). */
    public static Optional<ForwardAccept> of(FirewallState firewall, String bridge) {
        return all(firewall, bridge).stream().findFirst();
    }

    /** Every accept of this bridge: one per table on nftables. */
    public static List<ForwardAccept> all(FirewallState firewall, String bridge) {
        return in(firewall).stream().filter(a -> a.bridge().equals(bridge)).toList();
    }

    private static Optional<String> bridgeOf(String comment) {
        Matcher m = COMMENT.matcher(comment.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** How the user sees it. */
    public String describe() {
        return "accept " + bridge + "'s traffic in " + (nftables() ? table + "/" : "") + chain;
    }
}
