package dev.virtwire.model;

import java.util.List;

/**
 * A port forward's accept in a native nftables table whose forward chain drops the guest's bridge (Debian's
 * inet filter with policy drop, say): the forward's DNATed connections into the bridge, and nothing else, let
 * through there (two rules: into the bridge, and the replies out of it). An accept in libvirt's chain does not override a drop in another table. Its comment is the
 * forward's with {@link #COMMENT_PREFIX}, so it is found again but never taken for the forward's own rules.
 *
 * @param table nftables' family and table, e.g. "inet filter"
 * @param from  the forward's sources ("" for everyone): the accept lets in those only, and its replies out to them
 */
public record PortForwardAccept(PortForward forward, String bridge, String table, String chain, String from) {
    public static final String COMMENT_PREFIX = "virtwire:fwd-accept:";

    public PortForwardAccept {
        from = PortForward.source(from);
    }

    public PortForwardAccept(PortForward forward, String bridge, String table, String chain) {
        this(forward, bridge, table, chain, "");
    }

    public String comment() {
        return COMMENT_PREFIX + forward.comment().substring(PortForward.COMMENT_PREFIX.length());
    }

    /** Every such accept in the firewall, in rule order. */
    public static List<PortForwardAccept> in(FirewallState firewall) {
        return firewall.rules().stream().flatMap(r -> r.comment().filter(c -> c.startsWith(COMMENT_PREFIX))
                .flatMap(c -> PortForward.fromComment(PortForward.COMMENT_PREFIX + c.substring(COMMENT_PREFIX.length())))
                .flatMap(f -> r.outInterface().map(b -> new PortForwardAccept(f, b, r.table(), r.chain(),
                                r.source().orElse("")))
                        .or(() -> r.inInterface().map(b -> new PortForwardAccept(f, b, r.table(), r.chain(),
                                r.destination().orElse(""))))).stream())
                .distinct().toList();
    }

    public String describe() {
        return "accept " + forward.describe() + " in " + table + "/" + chain;
    }
}
