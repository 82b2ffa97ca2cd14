package dev.virtwire.host.libvirt;

import java.util.Locale;
import org.w3c.dom.Element;

/** A PCI {@code <address domain bus slot function>} as lspci writes it: 0000:03:10.1. */
final class PciAddress {
    private PciAddress() {
    }

    static String of(Element a) {
        return String.format(Locale.ROOT, "%04x:%02x:%02x.%x", number(a, "domain"), number(a, "bus"),
                number(a, "slot"), number(a, "function"));
    }

    private static int number(Element a, String name) {
        String v = SafeXml.attr(a, name).orElse("0");
        try {
            return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
