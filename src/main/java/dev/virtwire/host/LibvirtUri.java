package dev.virtwire.host;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * What a libvirt connection URI may be, checked before anything connects: {@code driver[+transport]://...} with one of
 * libvirt's drivers and transports (libvirt's "Connection URIs"), or Virtwire's own {@code demo:///}. A scheme libvirt
 * does not know would otherwise reach its remote driver, which answers with a TLS certificate it could not read.
 */
public final class LibvirtUri {
    static final List<String> DRIVERS = List.of("qemu", "test", "lxc", "xen", "libxl", "ch", "bhyve", "vbox",
            "openvz", "vz", "parallels", "esx", "gsx", "vpx", "hyperv", "vmwareplayer", "vmwarews", "vmwarefusion",
            "remote", "network", "interface", "nodedev", "nwfilter", "secret", "storage");
    static final List<String> TRANSPORTS = List.of("ssh", "libssh", "libssh2", "tls", "tcp", "unix", "ext");
    private static final String EXAMPLES = "give one like qemu:///system, qemu+ssh://root@kvm1/system or "
            + "test:///default";

    private LibvirtUri() {
    }

    /**
     * @return {@code text} when it is a libvirt URI
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public static String checked(String text) {
        if (text.equals(HostAddress.DEMO_URI)) {
            return text;
        }
        String scheme;
        try {
            scheme = new URI(text).getScheme();
        } catch (URISyntaxException e) {
            scheme = null;
        }
        if (scheme == null || !text.contains(":/")) {
            throw new IllegalArgumentException("'" + text + "' is not a libvirt URI: " + EXAMPLES);
        }
        String[] parts = scheme.toLowerCase(Locale.ROOT).split("\\+", -1);
        if (!DRIVERS.contains(parts[0])) {
            throw new IllegalArgumentException("'" + text + "' names no libvirt driver: '" + parts[0] + "' is not one of "
                    + String.join(", ", DRIVERS) + " (" + EXAMPLES + ")");
        }
        if (parts.length > 2 || parts.length == 2 && !TRANSPORTS.contains(parts[1])) {
            throw new IllegalArgumentException("'" + text + "' names no libvirt transport: after '" + parts[0]
                    + "+' comes one of " + String.join(", ", TRANSPORTS) + " (" + EXAMPLES + ")");
        }
        return text;
    }
}
