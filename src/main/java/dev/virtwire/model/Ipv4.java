package dev.virtwire.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 address with its prefix (192.168.122.1/24). Parsing is strict: a refusal says what is allowed.
 */
public record Ipv4(long address, int prefix) {
    private static final Pattern DOTTED = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public Ipv4 {
        if (address < 0 || address > 0xFFFF_FFFFL || prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("IPv4 address or prefix out of range");
        }
    }

    /** Parses {@code a.b.c.d} (prefix 32) or {@code a.b.c.d/n}. */
    public static Ipv4 parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        String ip = slash < 0 ? t : t.substring(0, slash);
        int prefix = 32;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
        }
        if (!DOTTED.matcher(ip).matches() || prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: expected a.b.c.d or "
                    + "a.b.c.d/prefix with a prefix from 0 to 32, e.g. 192.168.122.1/24");
        }
        long value = 0;
        for (String part : ip.split("\\.")) {
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: each of the four "
                        + "numbers of a.b.c.d must be 0 to 255");
            }
            value = (value << 8) | octet;
        }
        return new Ipv4(value, prefix);
    }

    public static Optional<Ipv4> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public long mask() {
        return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }

    public Ipv4 network() {
        return new Ipv4(address & mask(), prefix);
    }

    /** Whether {@code other}'s address lies in this address's subnet. */
    public boolean contains(Ipv4 other) {
        return (other.address & mask()) == (address & mask());
    }

    /** Whether two subnets share any address. */
    public boolean overlaps(Ipv4 other) {
        int shorter = Math.min(prefix, other.prefix);
        Ipv4 a = new Ipv4(address, shorter);
        return a.contains(other);
    }

    public Ipv4 withAddress(long newAddress) {
        return new Ipv4(newAddress, prefix);
    }

    /** The address alone, a.b.c.d. */
    public String ip() {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255);
    }

    @Override
    public String toString() {
        return ip() + "/" + prefix;
    }
}
