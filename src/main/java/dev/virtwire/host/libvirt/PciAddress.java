package dev.virtwire.host.libvirt;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** A PCI {@code <address domain bus slot function>} as lspci writes it: 0000:03:10.1. */
final class PciAddress {
    private PciAddress() {
    }

    /** @param attribute the address element's attributes by name (DOM or streamed) */
    static String of(Function<String, Optional<String>> attribute) {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.%x", number(attribute, "domain"), number(attribute, "bus"),
                number(attribute, "slot"), number(attribute, "function"));
    }

    private static int number(Function<String, Optional<String>> attribute, String name) {
        String v = attribute.apply(name).orElse("0");
        try {
            return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
