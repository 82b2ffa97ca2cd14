package dev.virtwire.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The sysctls that decide whether guests can reach beyond the host. Empty means "could not be read"
 * (the br_netfilter ones do not exist until the module is loaded).
 *
 * @param notForwarding links whose own IPv4 forwarding is off (net.ipv4.conf.LINK.forwarding = 0): packets
 *                      arriving on them are not routed on, whatever ip_forward says
 * @param ipv6          every link's IPv6 switches ({@code all} and {@code default} among them), by name; empty
 *                      when they could not be read (a kernel booted without IPv6 has none)
 */
public record KernelSettings(Optional<Boolean> ipForward, Optional<Boolean> bridgeNfCallIptables,
                             Optional<Boolean> bridgeNfCallIp6tables, Optional<Boolean> bridgeNfCallArptables,
                             List<String> notForwarding, List<Ipv6Conf> ipv6) {

    public KernelSettings {
        notForwarding = List.copyOf(notForwarding);
        ipv6 = List.copyOf(ipv6);
    }

    /** IPv4 settings alone (IPv6 ones not read). */
    public KernelSettings(Optional<Boolean> ipForward, Optional<Boolean> bridgeNfCallIptables,
                          Optional<Boolean> bridgeNfCallIp6tables, Optional<Boolean> bridgeNfCallArptables,
                          List<String> notForwarding) {
        this(ipForward, bridgeNfCallIptables, bridgeNfCallIp6tables, bridgeNfCallArptables, notForwarding, List.of());
    }

    public static KernelSettings unknown() {
        return new KernelSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    public Optional<Ipv6Conf> ipv6(String name) {
        return ipv6.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public KernelSettings withIpv6(List<Ipv6Conf> newIpv6) {
        return new KernelSettings(ipForward, bridgeNfCallIptables, bridgeNfCallIp6tables, bridgeNfCallArptables,
                notForwarding, newIpv6);
    }

    /**
     * net.ipv6.conf.LINK.KEY (forwarding or accept_ra) set; writing {@code all}'s forwarding sets every link's,
     * as the kernel does.
     */
    public KernelSettings withIpv6Conf(String link, String key, int value) {
        List<Ipv6Conf> out = new java.util.ArrayList<>();
        boolean found = false;
        for (Ipv6Conf c : ipv6) {
            boolean named = c.name().equals(link);
            found |= named;
            boolean allForwarding = link.equals("all") && key.equals("forwarding") && !c.name().equals("default");
            if (named || allForwarding) {
                out.add(key.equals("forwarding") ? new Ipv6Conf(c.name(), Optional.of(value != 0), c.acceptRa(),
                        c.disabled()) : new Ipv6Conf(c.name(), c.forwarding(), OptionalInt.of(value), c.disabled()));
            } else {
                out.add(c);
            }
        }
        if (!found) {
            out.add(key.equals("forwarding") ? new Ipv6Conf(link, Optional.of(value != 0), OptionalInt.empty(),
                    Optional.empty()) : new Ipv6Conf(link, Optional.empty(), OptionalInt.of(value), Optional.empty()));
        }
        return withIpv6(out);
    }

    /** One link's own forwarding (net.ipv4.conf.LINK.forwarding) set. */
    public KernelSettings withLinkForwarding(String link, boolean on) {
        List<String> off = new java.util.ArrayList<>(notForwarding.stream().filter(l -> !l.equals(link)).toList());
        if (!on) {
            off.add(link);
        }
        return new KernelSettings(ipForward, bridgeNfCallIptables, bridgeNfCallIp6tables, bridgeNfCallArptables,
                off.stream().sorted().toList(), ipv6);
    }

    /** Writing net.ipv4.ip_forward sets every link's forwarding to the same value. */
    public KernelSettings withIpForward(boolean on) {
        return new KernelSettings(Optional.of(on), bridgeNfCallIptables, bridgeNfCallIp6tables, bridgeNfCallArptables,
                List.of(), ipv6);
    }
}
