package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One packet filter rule that matters for guest traffic, reduced to what the troubleshooter and the
 * window need. Its source and destination are in one form whichever tool listed the rule: one host as a plain
 * address, a network as CIDR ({@link #address}); iptables-save writes a host {@code 10.77.0.5/32}, nft
 * {@code 10.77.0.5}. Only {@code text} keeps the tool's own spelling.
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
        source = source.map(FirewallRule::address);
        destination = destination.map(FirewallRule::address);
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

    /**
     * An address a rule matches as Virtwire writes and compares it: one host without its "/32" (or IPv6 "/128"),
     * a network as CIDR, anything else (an nft set, a range, a name) as given.
     */
    public static String address(String text) {
        String s = text == null ? "" : text.strip();
        if (s.endsWith("/32") && Ipv4.tryParse(s).isPresent()) {
            return s.substring(0, s.length() - 3);
        }
        if (s.endsWith("/128") && s.contains(":")) {
            return IpAddress.tryParse(s).filter(a -> a.family() == IpAddress.Family.IPV6).map(IpAddress::ip)
                    .orElse(s);
        }
        return s;
    }

    /** How a finding names it: "ip filter/forward handle 7" or "filter/FORWARD". */
    public String place() {
        return table + "/" + chain + (handle.isPresent() ? " handle " + handle.getAsLong() : "");
    }
}
