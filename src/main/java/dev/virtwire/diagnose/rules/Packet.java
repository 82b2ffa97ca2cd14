package dev.virtwire.diagnose.rules;

import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv4;
import java.util.Optional;

/**
 * A packet as the packet filter sees it, enough to tell which rules match it, of either family. An unknown
 * address matches only rules that do not look at it; a rule's address of the other family never matches.
 */
record Packet(String in, Optional<String> out, Optional<IpAddress> source, Optional<IpAddress> destination) {

    /** An IPv4 packet. */
    static Packet ipv4(String in, Optional<String> out, Optional<Ipv4> source, Optional<Ipv4> destination) {
        return new Packet(in, out, source.map(a -> IpAddress.parse(a.toString())),
                destination.map(a -> IpAddress.parse(a.toString())));
    }

    boolean matches(FirewallRule rule) {
        return iface(rule.inInterface(), Optional.of(in)) && iface(rule.outInterface(), out)
                && address(rule.source(), source) && address(rule.destination(), destination);
    }

    private static boolean iface(Optional<String> wanted, Optional<String> actual) {
        if (wanted.isEmpty()) {
            return true;
        }
        String w = wanted.get().trim();
        boolean negated = w.startsWith("!");
        String name = negated ? w.substring(1).trim() : w;
        if (actual.isEmpty()) {
            return false;
        }
        // iptables' "virbr+" and nft's "virbr*" are prefixes
        boolean same = name.endsWith("+") || name.endsWith("*")
                ? actual.get().startsWith(name.substring(0, name.length() - 1)) : actual.get().equals(name);
        return negated != same;
    }

    private static boolean address(Optional<String> wanted, Optional<IpAddress> actual) {
        if (wanted.isEmpty()) {
            return true;
        }
        String w = wanted.get().trim();
        boolean negated = w.startsWith("!");
        Optional<IpAddress> range = IpAddress.tryParse(negated ? w.substring(1).trim() : w);
        if (range.isEmpty() || actual.isEmpty()) {
            return false;
        }
        if (range.get().family() != actual.get().family()) {
            return false;
        }
        return negated != range.get().contains(actual.get());
    }
}
