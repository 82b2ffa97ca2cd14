package dev.virtwire.change;

import dev.virtwire.model.Ipv4;
import dev.virtwire.model.LibvirtName;
import dev.virtwire.model.LinkName;
import dev.virtwire.model.Mac;
import java.util.regex.Pattern;

/**
 * Checks what a user typed (or a window passed on) before anything is planned. A refusal says what was
 * wrong and what is allowed; nothing here touches a host.
 */
final class Input {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

    private Input() {
    }

    /** A kernel interface name, by the kernel's own rules ({@link LinkName}). */
    static String link(String name, String what) {
        try {
            return LinkName.require(name, what);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused(e.getMessage());
        }
    }

    /**
     * A libvirt guest or network name, by libvirt's rules: not empty, no '/' (both parsers refuse it) and no
     * line break (domain define refuses it); other control characters than a tab cannot travel in its XML. Spaces, '&amp;' and
     * non-ASCII letters are fine: names reach libvirt as API arguments and escaped XML, never a shell.
     */
    static String libvirtName(String name, String what) {
        try {
            return LibvirtName.require(name, what);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused(e.getMessage());
        }
    }

    static String mac(String mac) {
        try {
            return Mac.normalize(mac);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused(e.getMessage());
        }
    }

    static Ipv4 cidr(String text, String what) {
        Ipv4 ip = ip(text, what);
        if (!text.contains("/")) {
            throw new ChangeRefused("'" + text + "' for " + what + " needs a prefix, e.g. 192.168.50.1/24");
        }
        if (ip.prefix() < 8 || ip.prefix() > 30) {
            throw new ChangeRefused("/" + ip.prefix() + " for " + what + " is not a usable subnet: use a prefix from "
                    + "8 to 30");
        }
        if (ip.address() == ip.network().address()) {
            throw new ChangeRefused(text + " is the subnet's own address: give the host's address on it, e.g. "
                    + ip.withAddress(ip.address() + 1));
        }
        return ip;
    }

    static Ipv4 ip(String text, String what) {
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused(what + ": " + e.getMessage());
        }
    }

    /** A plain address without prefix. */
    static String address(String text, String what) {
        Ipv4 ip = ip(text, what);
        if (text.contains("/")) {
            throw new ChangeRefused("'" + text + "' for " + what + " must be a single address without a prefix, "
                    + "e.g. 192.168.122.50");
        }
        return ip.ip();
    }

    static int port(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new ChangeRefused(port + " is not a valid " + what + ": use 1 to 65535");
        }
        return port;
    }

    static String hostName(String name) {
        if (!HOST_NAME.matcher(name).matches()) {
            throw new ChangeRefused("'" + name + "' is not a valid DHCP host name: use letters, digits and '-', "
                    + "up to 63, starting with a letter or digit");
        }
        return name;
    }
}
