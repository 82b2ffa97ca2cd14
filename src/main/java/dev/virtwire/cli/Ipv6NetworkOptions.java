package dev.virtwire.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** A network's IPv6 prefix and DHCPv6 range, as {@code network create} and {@code network mode} take them. */
final class Ipv6NetworkOptions {
    @Option(names = "--address6", paramLabel = "CIDR6", converter = ArgumentSyntax.Cidr6.class,
            description = "The host's IPv6 address on it with the prefix, e.g. fd00:60::1/64 (libvirt's dnsmasq sends "
                    + "router advertisements: guests take SLAAC addresses); with network mode, none takes IPv6 away "
                    + "and DHCPv6 reservations stay where the prefix does.")
    String address6;
    @Option(names = "--dhcp6", paramLabel = "FIRST-LAST", converter = ArgumentSyntax.AddressRange6.class,
            description = "DHCPv6 range inside the IPv6 prefix, e.g. fd00:60::100-fd00:60::1ff.")
    String dhcp6;

    Optional<String> address6() {
        return Optional.ofNullable(address6);
    }

    Optional<String> first() {
        return NetworkCommand.end(dhcp6, 0);
    }

    Optional<String> last() {
        return NetworkCommand.end(dhcp6, 1);
    }
}
