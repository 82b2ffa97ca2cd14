package dev.virtwire.cli;

import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.LibvirtName;
import dev.virtwire.model.LinkName;
import dev.virtwire.model.Mac;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What a well-formed argument looks like, checked while the command line is read: a malformed MAC, CIDR, port,
 * name or URI is a wrong command line (exit code 2) whatever state the host is in. Whether the host can do
 * it is the change layer's question (exit code 1).
 */
final class ArgumentSyntax {
    private ArgumentSyntax() {
    }

    static final class MacAddress implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return checked(() -> Mac.normalize(text));
        }
    }

    /** An address with its prefix, e.g. 192.168.60.1/24. */
    static final class Cidr implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            checked(() -> Ipv4.parse(text));
            if (!text.contains("/")) {
                throw new TypeConversionException("'" + text + "' needs a prefix, e.g. 192.168.60.1/24");
            }
            return text;
        }
    }

    /**
     * A DHCP client: a MAC, a DUID, or a host name; what is written as hex pairs must be a well-formed MAC or DUID
     * (a malformed MAC is a wrong command line, not a host name).
     */
    static final class DhcpClient implements ITypeConverter<String> {
        private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile(
                "[A-Za-z0-9][A-Za-z0-9-]{0,62}");

        @Override
        public String convert(String text) {
            if (Mac.isValid(text) || dev.virtwire.model.Duid.isValid(text)) {
                return text;
            }
            if (dev.virtwire.model.Duid.looksLikeHexPairs(text) || !HOST_NAME.matcher(text).matches()) {
                throw new TypeConversionException("'" + text + "' is neither a MAC (52:54:00:12:34:56), a DUID "
                        + "(00:03:00:01:52:54:00:3a:10:01) nor a host name (letters, digits and '-')");
            }
            return text;
        }
    }

    /** A single IPv4 address, e.g. 192.168.122.10. */
    static final class Address implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return single(text, () -> Ipv4.parse(text), "192.168.122.10");
        }
    }

    /** A single address of either family, e.g. 192.168.122.10 or fd00:77:1::10. */
    static final class AnyAddress implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return single(text, () -> dev.virtwire.model.IpAddress.parse(text), "192.168.122.10 or fd00:77:1::10");
        }
    }

    /** An IPv6 address with its prefix length, e.g. fd00:1::1/64, or {@code none}. */
    static final class Cidr6 implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (text.equals(dev.virtwire.change.NetworkIntent.SetNetworkMode.NO_IPV6)) {
                return text;
            }
            dev.virtwire.model.IpAddress a = checked(() -> dev.virtwire.model.IpAddress.parse(text));
            if (a.family() != dev.virtwire.model.IpAddress.Family.IPV6 || !text.contains("/")) {
                throw new TypeConversionException("'" + text + "': give an IPv6 address with its prefix length, e.g. "
                        + "fd00:1::1/64");
            }
            return text;
        }
    }

    /** FIRST-LAST of IPv6 addresses, e.g. fd00:1::100-fd00:1::1ff (a DHCPv6 range). */
    static final class AddressRange6 implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return range(text, new AnyAddress(), "fd00:1::100-fd00:1::1ff", ":");
        }
    }

    /** FIRST-LAST, e.g. 192.168.60.100-192.168.60.200 (a DHCP range). */
    static final class AddressRange implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return range(text, new Address(), "192.168.60.100-192.168.60.200", "");
        }
    }

    /** One address, parsed by {@code parse}, without a prefix. */
    private static String single(String text, java.util.function.Supplier<?> parse, String example) {
        checked(parse);
        if (text.contains("/")) {
            throw new TypeConversionException("'" + text + "' must be a single address without a prefix, e.g. "
                    + example);
        }
        return text;
    }

    /** FIRST-LAST, each end an address for {@code end} that contains {@code mark} (":" for IPv6 only). */
    private static String range(String text, ITypeConverter<String> end, String example, String mark) {
        int dash = text.indexOf('-');
        if (dash <= 0 || !text.substring(0, dash).contains(mark) || !text.substring(dash + 1).contains(mark)) {
            throw new TypeConversionException("'" + text + "': give FIRST-LAST, e.g. " + example);
        }
        try {
            end.convert(text.substring(0, dash));
            end.convert(text.substring(dash + 1));
        } catch (TypeConversionException e) {
            throw e;
        } catch (Exception e) {
            throw new TypeConversionException(e.getMessage());
        }
        return text;
    }

    /** {@code default} or a CIDR (a route's destination). */
    static final class Destination implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return text.equals("default") ? text : new Cidr().convert(text);
        }
    }

    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return port(text);
        }
    }

    /** GUEST-IP:PORT, e.g. 192.168.122.10:80. */
    static final class AddressAndPort implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw new TypeConversionException("'" + text + "': give the guest's address and port, e.g. "
                        + "192.168.122.10:80");
            }
            new Address().convert(text.substring(0, colon));
            port(text.substring(colon + 1));
            return text;
        }
    }

    /** A kernel interface name (bridge, NIC, tap). */
    static final class Link implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return checked(() -> LinkName.require(text, "interface"));
        }
    }

    /** A firewalld zone name (whether this host runs firewalld and has the zone is the planner's question). */
    static final class FirewalldZone implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            FirewalldForwardPorts.whyNotAZoneName(text).ifPresent(why -> {
                throw new TypeConversionException(why);
            });
            return text;
        }
    }

    /** The sources a port forward is for: an IPv4 address or a network (its own address and prefix). */
    static final class ForwardSource implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            FirewalldForwardPorts.whyNotASource(text).ifPresent(why -> {
                throw new TypeConversionException(why);
            });
            return text.strip();
        }
    }

    /** A libvirt guest or network name. */
    static final class Libvirt implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return checked(() -> LibvirtName.require(text, "libvirt"));
        }
    }

    /** A libvirt URI: one of libvirt's drivers (and transports), e.g. qemu:///system or qemu+ssh://root@kvm1/system. */
    static final class LibvirtUri implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return checked(() -> dev.virtwire.host.LibvirtUri.checked(text));
        }
    }

    /** One of a few words, as the option's help lists them. */
    abstract static class Words implements ITypeConverter<String> {
        private final java.util.List<String> allowed;

        Words(String... allowed) {
            this.allowed = java.util.List.of(allowed);
        }

        @Override
        public String convert(String text) {
            if (allowed.contains(text.toLowerCase(java.util.Locale.ROOT))) {
                return text.toLowerCase(java.util.Locale.ROOT);
            }
            throw new TypeConversionException("'" + text + "': use " + String.join(", ", allowed.subList(0,
                    allowed.size() - 1)) + " or " + allowed.get(allowed.size() - 1));
        }
    }

    static final class GuestMode extends Words {
        GuestMode() {
            super("nat", "bridged");
        }
    }

    static final class NetworkModeWord extends Words {
        NetworkModeWord() {
            super("nat", "route", "open", "isolated", "bridge", "private", "vepa", "passthrough");
        }
    }

    /** The attach command's scope: live, saved or both; libvirt's own word "config" is taken for saved. */
    static final class ScopeWord extends Words {
        ScopeWord() {
            super("live", "saved", "both");
        }

        @Override
        public String convert(String text) {
            return text.equalsIgnoreCase("config") ? "saved" : super.convert(text);
        }
    }

    static final class SavedScopeWord extends Words {
        SavedScopeWord() {
            super("live", "saved", "both");
        }
    }

    static final class OnOff extends Words {
        OnOff() {
            super("on", "off");
        }
    }

    static final class Protocol extends Words {
        Protocol() {
            super("tcp", "udp");
        }
    }

    /** network:NAME, bridge:NAME or direct:DEVICE. */
    static final class NicSource implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            int colon = text.indexOf(':');
            String kind = colon <= 0 ? "" : text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            if (!java.util.List.of("network", "bridge", "direct").contains(kind) || colon == text.length() - 1) {
                throw new TypeConversionException("'" + text + "': say network:NAME, bridge:NAME or direct:DEVICE");
            }
            return text;
        }
    }

    /** A diagnosis target: host, lan, internet, internet6, guest:NAME, an IPv4 or an IPv6 address. */
    static final class Target implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            checked(() -> dev.virtwire.diagnose.Destination.parse(text, dev.virtwire.diagnose.Destination
                    .DEFAULT_INTERNET));
            return text;
        }
    }

    /** An MTU in bytes. */
    static final class Mtu implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return number(text, "an MTU", 68, 65535, " (1500 on most LANs, up to 9000 with jumbo frames)");
        }
    }

    /** A bridge's forward delay in seconds. */
    static final class ForwardDelay implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return number(text, "a forward delay", 0, 30, " seconds (2 to 30 with STP)");
        }
    }

    /** An 802.1Q VLAN id. */
    static final class VlanId implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return number(text, "a VLAN id", 1, 4094, " (0 and 4095 are reserved)");
        }
    }

    /** A route's metric. */
    static final class Metric implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return number(text, "a route metric", 0, Integer.MAX_VALUE, "");
        }
    }

    private static int number(String text, String what, int min, int max, String hint) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new TypeConversionException("'" + text + "' is not " + what + ": use a number from " + min + " to "
                + max + hint);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new TypeConversionException("'" + text + "' is not a port: use a number from 1 to 65535");
    }

    private static <T> T checked(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
