package dev.virtwire.diagnose.rules;

import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.Ipv4;
import java.util.Optional;

/**
 * A packet as the packet filter sees it, enough to tell which rules match it. An unknown address
 * matches only rules that do not look at it.
 */
record Packet(String in, Optional<String> out, Optional<Ipv4> source, Optional<Ipv4> destination) {

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

    private static boolean address(Optional<String> wanted, Optional<Ipv4> actual) {
        if (wanted.isEmpty()) {
            return true;
        }
        String w = wanted.get().trim();
        boolean negated = w.startsWith("!");
        Optional<Ipv4> range = Ipv4.tryParse(negated ? w.substring(1).trim() : w);
        if (range.isEmpty() || actual.isEmpty()) {
            return false;
        }
        return negated != range.get().contains(actual.get());
    }
}
