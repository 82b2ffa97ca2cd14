package dev.virtwire.change;

import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.Duid;
import dev.virtwire.model.IpAddress;
import java.util.List;

/**
 * Checks a typed IPv6 prefix, DHCPv6 range or DUID before anything is planned; a refusal says what was wrong and
 * what is allowed.
 */
final class Ipv6Input {
    /** SLAAC (guests forming their own addresses from router advertisements) needs a /64. */
    static final int SLAAC_PREFIX = 64;
    /** Longer than this leaves no room for guests beside the host. */
    static final int LONGEST_PREFIX = 126;

    private Ipv6Input() {
    }

    /** The host's IPv6 address on a network with its prefix length, e.g. fd00:1::1/64. */
    static IpAddress hostAddress(String text, String what) {
        IpAddress a = parse(text, what);
        if (!text.contains("/")) {
            throw new ChangeRefused("'" + text + "' for " + what + " needs a prefix length, e.g. " + a.ip() + "/64");
        }
        if (a.prefix() < SLAAC_PREFIX || a.prefix() > LONGEST_PREFIX) {
            throw new ChangeRefused("/" + a.prefix() + " for " + what + " is not a usable IPv6 prefix: use /64 (guests "
                    + "form their own addresses by SLAAC) up to /" + LONGEST_PREFIX + " (DHCPv6 only)");
        }
        if (a.isLinkLocal() || a.value().isMulticast() || a.value().isLoopback() || a.value().isUnspecified()) {
            throw new ChangeRefused(text + " for " + what + " is not a unicast address a network can route: use a "
                    + "global or unique local (fd00::/8) prefix, e.g. fd00:1::1/64");
        }
        if (a.value().isMultiple() || a.value().isZeroHost()) {
            throw new ChangeRefused(text + " is the prefix's own address: give the host's address on it, e.g. "
                    + a.subnet().ip() + "1/" + a.prefix());
        }
        return a;
    }

    /** A DHCPv6 range inside {@code host}'s prefix, leaving out the host's own address. */
    static DhcpRange range(String first, String last, IpAddress host) {
        IpAddress from = single(first, "the DHCPv6 range's first address");
        IpAddress to = single(last, "the DHCPv6 range's last address");
        for (IpAddress end : List.of(from, to)) {
            if (!host.contains(end) || end.value().isZeroHost(host.prefix())) {
                throw new ChangeRefused("the DHCPv6 range " + from.ip() + " - " + to.ip() + " must lie inside "
                        + host.subnet() + ", after its first address " + host.subnet().ip());
            }
        }
        if (to.before(from)) {
            throw new ChangeRefused("the DHCPv6 range starts at " + from.ip() + ", after its end " + to.ip());
        }
        if (!host.before(from) && !to.before(host)) {
            throw new ChangeRefused("the DHCPv6 range " + from.ip() + " - " + to.ip() + " includes the host's own "
                    + "address " + host.ip() + ": start or end it elsewhere");
        }
        return new DhcpRange(from.ip(), to.ip());
    }

    /** A single IPv6 address without a prefix. */
    static IpAddress single(String text, String what) {
        IpAddress a = parse(text, what);
        if (text.contains("/")) {
            throw new ChangeRefused("'" + text + "' for " + what + " must be a single address without a prefix, "
                    + "e.g. fd00:1::100");
        }
        return a;
    }

    /** A DHCPv6 client's DUID, in lower case. */
    static String duid(String text) {
        try {
            return Duid.normalize(text);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused(e.getMessage());
        }
    }

    /** Whether a client text is meant as a DUID (hex bytes; a host name has no ':'), not a host name. */
    static boolean looksLikeDuid(String text) {
        return text.contains(":") || Duid.looksLikeHexPairs(text);
    }

    private static IpAddress parse(String text, String what) {
        IpAddress a = IpAddress.tryParse(text).orElseThrow(() -> new ChangeRefused("'" + text + "' for " + what
                + " is not an IPv6 address: e.g. fd00:1::1/64"));
        if (a.family() != IpAddress.Family.IPV6) {
            throw new ChangeRefused("'" + text + "' for " + what + " is an IPv4 address: give an IPv6 one, e.g. "
                    + "fd00:1::1/64");
        }
        return a;
    }
}
