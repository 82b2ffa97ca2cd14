package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One packet filter rule that matters for guest traffic, reduced to what the troubleshooter and the
 * window need.
 *
 * @param table   filter, nat, ... (for nftables: family and table, e.g. "ip libvirt_network")
 * @param chain   FORWARD, POSTROUTING, LIBVIRT_FWO, DOCKER-USER, ...
 * @param verdict ACCEPT, DROP, REJECT, MASQUERADE, SNAT, DNAT, RETURN, or a chain jumped to
 * @param text    the rule as the tool printed it, kept as evidence
 * @param handle  nftables' handle of the rule (by which it is deleted); iptables rules have none
 * @param counter what the rule's counter says, when it has one
 * @param savedBy who puts the rule back after a reboot (see {@link FirewallTool}); empty: nothing does
 */
public record FirewallRule(String table, String chain, String verdict, Optional<String> source,
                           Optional<String> destination, Optional<String> inInterface,
                           Optional<String> outInterface, Optional<String> comment, String text,
                           OptionalLong handle, Optional<PacketCount> counter, Optional<FirewallTool> savedBy) {

    public FirewallRule {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(savedBy, "savedBy");
    }

    /** A rule as written or planned: no handle, counter or keeper known yet. */
    public FirewallRule(String table, String chain, String verdict, Optional<String> source,
                        Optional<String> destination, Optional<String> inInterface, Optional<String> outInterface,
                        Optional<String> comment, String text) {
        this(table, chain, verdict, source, destination, inInterface, outInterface, comment, text,
                OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    public FirewallRule withSavedBy(Optional<FirewallTool> keeper) {
        return new FirewallRule(table, chain, verdict, source, destination, inInterface, outInterface, comment, text,
                handle, counter, keeper);
    }

    /** How a finding names it: "ip filter/forward handle 7" or "filter/FORWARD". */
    public String place() {
        return table + "/" + chain + (handle.isPresent() ? " handle " + handle.getAsLong() : "");
    }
}
