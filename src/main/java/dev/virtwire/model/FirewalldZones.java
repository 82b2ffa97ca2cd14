package dev.virtwire.model;

import java.util.Optional;

/**
 * Which firewalld zone an interface is in, as firewalld's nftables table shows it at run time: each interface
 * given a zone has a rule {@code iifname "IF" goto filter_FWD_ZONE} in {@code inet firewalld/filter_FORWARD_ZONES};
 * an interface with none falls to the default zone's rule (no interface named).
 */
public final class FirewalldZones {
    public static final String TABLE = "inet firewalld";
    public static final String DISPATCH = "filter_FORWARD_ZONES";
    private static final String ZONE_CHAIN = "filter_FWD_";
    /** The zone whose target accepts everything that comes in by its interfaces. */
    public static final String TRUSTED = "trusted";

    private FirewalldZones() {
    }

    /** The zone the interface was put in; empty when it has none of its own (the default zone's). */
    public static Optional<String> of(FirewallState firewall, String link) {
        return firewall.rules().stream().filter(r -> r.table().equals(TABLE) && r.chain().equals(DISPATCH))
                .filter(r -> r.inInterface().filter(link::equals).isPresent())
                .filter(r -> r.verdict().startsWith(ZONE_CHAIN))
                .map(r -> r.verdict().substring(ZONE_CHAIN.length())).findFirst();
    }

    /** The rule firewalld's table lists once the interface is in the zone. */
    public static FirewallRule dispatch(String link, String zone) {
        return new FirewallRule(TABLE, DISPATCH, ZONE_CHAIN + zone, Optional.empty(), Optional.empty(),
                Optional.of(link), Optional.empty(), Optional.empty(),
                "iifname \"" + link + "\" goto " + ZONE_CHAIN + zone);
    }
}
