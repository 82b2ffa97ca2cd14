package dev.virtwire.model;

import java.util.Optional;

/**
 * One packet filter rule that matters for guest traffic, reduced to what the troubleshooter and the
 * window need.
 *
 * @param table   filter, nat, ... (for nftables: family and table, e.g. "ip libvirt_network")
 * @param chain   FORWARD, POSTROUTING, LIBVIRT_FWO, DOCKER-USER, ...
 * @param verdict ACCEPT, DROP, REJECT, MASQUERADE, SNAT, DNAT, RETURN, or a chain jumped to
 * @param text    the rule as the tool printed it, kept as evidence
 */
public record FirewallRule(String table, String chain, String verdict, Optional<String> source,
                           Optional<String> destination, Optional<String> inInterface,
                           Optional<String> outInterface, Optional<String> comment, String text) {
}
