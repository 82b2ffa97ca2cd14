package dev.virtwire.diagnose.rules;

import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv4;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packet as the packet filter sees it, enough to tell which rules match it: the first packet of a new TCP or
 * UDP connection, of either family (rules for ICMP only do not decide it: ufw accepts forwarded echo requests
 * whatever its policy, which lets a guest's ping through but none of its connections). An unknown address matches only rules that do not look at it; a rule's address
 * of the other family never matches.
 */
record Packet(String in, Optional<String> out, Optional<IpAddress> source, Optional<IpAddress> destination) {
    /** nft's {@code ct state established,related} / {@code ct state { invalid }}, iptables' --ctstate/--state. */
    private static final Pattern CT_STATE = Pattern.compile(
            "(?:ct state\\s+(!=\\s*)?(\\{[^}]*\\}|\\S+))|(?:(!\\s+)?--(?:ct)?state\\s+(\\S+))");
    /**
     * iptables' {@code -p icmp} / {@code --icmp-type}, nft's {@code icmp type}, {@code meta l4proto icmp} (not a
     * reject's {@code with icmp type ...}, which answers any packet).
     */
    private static final Pattern ICMP_ONLY = Pattern.compile("(?<!!\\s)(?:-p\\s+(?:icmp|ipv6-icmp|icmpv6)\\b"
            + "|--icmpv6-type\\b|--icmp-type\\b|(?<!with )\\bicmp(?:v6)? type\\b|l4proto (?:icmp|ipv6-icmp|icmpv6)\\b"
            + "|ip protocol icmp\\b|nexthdr (?:icmpv6|ipv6-icmp)\\b)");

    /** An IPv4 packet. */
    static Packet ipv4(String in, Optional<String> out, Optional<Ipv4> source, Optional<Ipv4> destination) {
        return new Packet(in, out, source.map(a -> IpAddress.parse(a.toString())),
                destination.map(a -> IpAddress.parse(a.toString())));
    }

    boolean matches(FirewallRule rule) {
        return iface(rule.inInterface(), Optional.of(in)) && iface(rule.outInterface(), out)
                && address(rule.source(), source) && address(rule.destination(), destination)
                && newConnection(rule.text().toLowerCase(Locale.ROOT));
    }

    /** Whether it is an IPv6 packet (as far as its addresses tell). */
    boolean ipv6() {
        return source.or(() -> destination).map(a -> a.family() == IpAddress.Family.IPV6).orElse(false);
    }

    /**
     * Whether a rule's connection-tracking and family matches let a new connection's first packet through to its
     * verdict: not a rule for established, related or invalid packets (firewalld's chains begin with those), not
     * one for DNATed ones, not one for the other family only (an inet table holds both), not one for ICMP only.
     */
    private boolean newConnection(String text) {
        boolean otherFamily = ipv6() ? text.startsWith("ip ") || text.contains("meta nfproto ipv4")
                : text.startsWith("ip6 ") || text.contains(" ip6 saddr") || text.contains(" ip6 daddr")
                        || text.contains("meta nfproto ipv6");
        if (text.contains("ct status dnat") || otherFamily || ICMP_ONLY.matcher(text).find()) {
            return false;
        }
        Matcher m = CT_STATE.matcher(text);
        if (!m.find()) {
            return true;
        }
        boolean negated = m.group(1) != null || m.group(3) != null;
        String states = m.group(2) != null ? m.group(2) : m.group(4);
        return negated != states.contains("new");
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
        if (name.startsWith("{") && name.endsWith("}")) {
            // nft's anonymous set, e.g. firewalld's policy dispatch: iifname { "br0", "virbr0" } jump …
            boolean any = java.util.Arrays.stream(name.substring(1, name.length() - 1).split(","))
                    .map(String::strip).filter(n -> !n.isEmpty())
                    .anyMatch(n -> iface(Optional.of(n), actual));
            return negated != any;
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
