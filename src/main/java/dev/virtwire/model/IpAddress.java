package dev.virtwire.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address with its prefix length (192.168.122.1/24, 2001:db8:ca2:2::1/64), parsed and kept by the
 * ipaddress library so that neither family needs a parser of our own. Text is always the canonical CIDR form
 * (IPv6 compressed, lower case), which the JSON and the model's string fields carry.
 */
public record IpAddress(IPAddress value) {
    /** Plain numeric addresses only: no host names, no wildcards, no ranges, no zone-less surprises. */
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowWildcardedSeparator(false)
            .getIPv4AddressParametersBuilder().allowLeadingZeros(false).allowWildcardedSeparator(false)
            .allow_inet_aton(false).getParentBuilder()
            .getIPv6AddressParametersBuilder().allowWildcardedSeparator(false).getParentBuilder()
            .setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE).toParams();

    public enum Family {
        IPV4, IPV6;

        public String json() {
            return Enums.json(this);
        }
    }

    public IpAddress {
        Objects.requireNonNull(value, "value");
    }

    /** Parses {@code ADDRESS} (a host: /32 or /128) or {@code ADDRESS/PREFIX} of either family. */
    public static IpAddress parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            IPAddress a = new IPAddressString(t, STRICT).toAddress();
            if (!a.isPrefixed()) {
                a = a.setPrefixLength(a.getBitCount(), false);
            }
            return new IpAddress(a);
        } catch (AddressStringException | RuntimeException e) {
            throw new IllegalArgumentException(badPrefix(t).orElse("'" + text + "' is not an IP address: expected an "
                    + "IPv4 address (192.168.122.1 or 192.168.122.1/24) or an IPv6 address (2001:db8::1 or "
                    + "2001:db8::1/64)"));
        }
    }

    /** What is wrong with {@code ADDRESS/PREFIX} whose address is fine but whose prefix is not a length it can have. */
    private static Optional<String> badPrefix(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        return tryParse(text.substring(0, slash)).map(a -> "'" + text + "' has no valid prefix length: an "
                + (a.family() == Family.IPV6 ? "IPv6" : "IPv4") + " address takes /0 to /" + a.value.getBitCount()
                + ", e.g. " + a.ip() + (a.family() == Family.IPV6 ? "/64" : "/24"));
    }

    public static Optional<IpAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An address with the prefix length given apart from it, as libvirt's {@code <ip address prefix>} does. */
    public static IpAddress of(String address, int prefix) {
        IpAddress host = parse(address);
        if (prefix < 0 || prefix > host.value.getBitCount()) {
            throw new IllegalArgumentException("prefix " + prefix + " is out of range for " + address + ": 0 to "
                    + host.value.getBitCount());
        }
        return new IpAddress(host.value.setPrefixLength(prefix, false));
    }

    public Family family() {
        return value.isIPv6() ? Family.IPV6 : Family.IPV4;
    }

    public int prefix() {
        return value.getNetworkPrefixLength();
    }

    /** fe80::/10 (IPv6) or 169.254.0.0/16 (IPv4): valid on one link only, never routed. */
    public boolean isLinkLocal() {
        return value.isLinkLocal();
    }

    /** The address alone, without the prefix. */
    public String ip() {
        return value.withoutPrefixLength().toCanonicalString();
    }

    /** Whether {@code other}'s address lies in this address's subnet (false across families). */
    public boolean contains(IpAddress other) {
        return family() == other.family()
                && value.toPrefixBlock().contains(other.value.withoutPrefixLength());
    }

    /** Whether the two prefixes share an address (false across families). */
    public boolean overlaps(IpAddress other) {
        return family() == other.family() && value.toPrefixBlock().overlaps(other.value.toPrefixBlock());
    }

    /** Whether this address comes before {@code other}'s, numerically (same family). */
    public boolean before(IpAddress other) {
        return value.withoutPrefixLength().compareTo(other.value.withoutPrefixLength()) < 0;
    }

    /** The prefix itself, e.g. fd00:1::/64 for fd00:1::1/64. */
    public IpAddress subnet() {
        return new IpAddress(value.toPrefixBlock().getLower());
    }

    @Override
    public String toString() {
        return ip() + "/" + prefix();
    }
}
