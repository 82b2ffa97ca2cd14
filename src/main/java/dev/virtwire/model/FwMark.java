package dev.virtwire.model;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A firewall mark as Docker's {@code bridge-accept-fwmark} takes it: a 32-bit value with an optional mask
 * ({@code 1}, {@code 0x1/0x3}); numbers in decimal, {@code 0x} hex or leading-zero octal, as Docker parses them.
 * Docker's chain then accepts a packet whose mark is the value (under the mask, when there is one).
 */
public record FwMark(long value, OptionalLong mask) {
    private static final long ALL = 0xffffffffL;

    public FwMark {
        if (value < 0 || value > ALL || mask.isPresent() && (mask.getAsLong() < 0 || mask.getAsLong() > ALL)) {
            throw new IllegalArgumentException("a firewall mark is a 32-bit number");
        }
    }

    /** The mark written as {@code VALUE[/MASK]}; empty when it is not one. */
    public static Optional<FwMark> parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2) {
            return Optional.empty();
        }
        OptionalLong value = number(parts[0]);
        OptionalLong mask = parts.length == 2 ? number(parts[1]) : OptionalLong.of(-1);
        if (value.isEmpty() || mask.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FwMark(value.getAsLong(),
                parts.length == 2 ? OptionalLong.of(mask.getAsLong()) : OptionalLong.empty()));
    }

    /**
     * nft's statement that gives a packet this mark: the masked bits set to the value and the others kept (other
     * programs' bits in the same mark survive), or the whole mark where Docker compares all of it.
     */
    public String nftSet() {
        if (mask.isEmpty()) {
            return "meta mark set " + hex(value);
        }
        return "meta mark set meta mark and " + hex(~mask.getAsLong() & ALL) + " or " + hex(value & mask.getAsLong());
    }

    /** As daemon.json spells it. */
    public String describe() {
        return hex(value) + mask.stream().mapToObj(m -> "/" + hex(m)).findFirst().orElse("");
    }

    private static String hex(long n) {
        return "0x" + Long.toHexString(n);
    }

    private static OptionalLong number(String s) {
        try {
            boolean hex = s.startsWith("0x") || s.startsWith("0X");
            boolean octal = !hex && s.length() > 1 && s.startsWith("0");
            String digits = hex ? s.substring(2) : octal ? s.substring(1) : s;
            if (digits.isEmpty() || !Character.isLetterOrDigit(digits.charAt(0))) {
                return OptionalLong.empty(); // no sign: Docker's ParseUint takes none
            }
            long n = Long.parseLong(digits, hex ? 16 : octal ? 8 : 10);
            return n > ALL ? OptionalLong.empty() : OptionalLong.of(n);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
