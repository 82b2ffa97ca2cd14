package dev.virtwire.model;

import java.util.Optional;

/**
 * Which firewalld zone an interface is in, as firewalld's nftables table shows it at run time: each interface
 * given a zone has a rule {@code iifname "IF" goto filter_FWD_ZONE} in {@code inet firewalld/filter_FORWARD_ZONES};
 * an interface with none falls to the default zone's rule (no interface named).
 */
public final class FirewalldZones {
    public static final String TABLE = "inet firewalld";
    public static final String DISPATCH = "filter_FORWARD_ZONES";
    private static final String ZONE_CHAIN = "filter_FWD_";
    /** Where firewalld sends a packet about to leave to the source NAT of the zone of its way out. */
    public static final String NAT_DISPATCH = "nat_POSTROUTING_ZONES";
    /** A zone's source NAT chain ({@code nat_POST_ZONE}, its parts {@code _allow} etc.: a masquerade goes there). */
    public static final String NAT_ZONE_CHAIN = "nat_POST_";
    /** The zone whose target accepts everything that comes in by its interfaces. */
    public static final String TRUSTED = "trusted";
    /**
     * libvirt's own zone (target ACCEPT: it forwards; its low-priority reject is for traffic to the host), which
     * libvirt's packages install on Fedora and RHEL and where libvirt puts its networks' bridges; Debian ships none.
     */
    public static final String LIBVIRT = "libvirt";
    /** libvirt's zone for routed networks, whose forwarding its policies libvirt-routed-in and -out accept. */
    public static final String LIBVIRT_ROUTED = "libvirt-routed";
    private static final String LIBVIRT_ROUTED_OUT = "libvirt-routed-out";

    private FirewalldZones() {
    }

    /** The zone the interface was put in; empty when it has none of its own (the default zone's). */
    public static Optional<String> of(FirewallState firewall, String link) {
        return firewall.rules().stream().filter(r -> r.table().equals(TABLE) && r.chain().equals(DISPATCH))
                .filter(r -> r.inInterface().filter(link::equals).isPresent())
                .filter(r -> r.verdict().startsWith(ZONE_CHAIN))
                .map(r -> r.verdict().substring(ZONE_CHAIN.length())).findFirst();
    }

    /**
     * The zone whose source NAT a packet leaving by the link goes through, as firewalld's table dispatches it
     * ({@code oifname "IF" goto nat_POST_ZONE}, the default zone's rule naming no interface); empty where firewalld's
     * table is not loaded.
     */
    public static Optional<String> leavingBy(FirewallState firewall, String link) {
        return firewall.rules().stream().filter(r -> r.table().equals(TABLE) && r.chain().equals(NAT_DISPATCH))
                .filter(r -> r.inInterface().isEmpty() && r.outInterface().map(link::equals).orElse(true))
                .filter(r -> r.verdict().startsWith(NAT_ZONE_CHAIN) && !r.verdict().startsWith(NAT_ZONE_CHAIN + "policy_"))
                .map(r -> r.verdict().substring(NAT_ZONE_CHAIN.length())).findFirst();
    }

    /**
     * The zone whose source NAT chain holds the rule ({@code nat_POST_ZONE} or one of its parts); empty for a rule
     * of another chain.
     */
    public static Optional<String> ofNatRule(FirewallRule rule) {
        if (!rule.table().equals(TABLE) || !rule.chain().startsWith(NAT_ZONE_CHAIN)
                || rule.chain().startsWith(NAT_ZONE_CHAIN + "policy_")) {
            return Optional.empty();
        }
        String zone = rule.chain().substring(NAT_ZONE_CHAIN.length());
        for (String part : java.util.List.of("_pre", "_log", "_deny", "_allow", "_post")) {
            if (zone.endsWith(part)) {
                return Optional.of(zone.substring(0, zone.length() - part.length()));
            }
        }
        return Optional.of(zone);
    }

    /**
     * The zone that lets a bridge's forwarded traffic through as its host means it to: where firewalld has
     * libvirt's zones, the one libvirt (9.0) puts that network's bridge in, libvirt-routed for a routed network
     * where that zone and the policy libvirt-routed-out exist, else libvirt; trusted for any other bridge, or where
     * firewalld has no libvirt zone.
     */
    public static String forBridge(HostSnapshot s, String bridge) {
        Optional<FirewalldSettings> settings = s.firewall().firewalld();
        Optional<VirtualNetwork> network = s.networkOnBridge(bridge);
        // libvirt zones only the bridges it makes for NAT, routed and isolated networks
        if (settings.isEmpty() || network.isEmpty() || !java.util.Set.of(NetworkMode.NAT, NetworkMode.ROUTE,
                NetworkMode.ISOLATED).contains(network.get().mode())) {
            return TRUSTED;
        }
        FirewalldSettings f = settings.get();
        if (network.get().mode() == NetworkMode.ROUTE && f.zone(LIBVIRT_ROUTED).isPresent()
                && f.policy(LIBVIRT_ROUTED_OUT).isPresent()) {
            return LIBVIRT_ROUTED;
        }
        return f.zone(LIBVIRT).isPresent() ? LIBVIRT : TRUSTED;
    }

    /** The rule firewalld's table lists once the interface is in the zone. */
    public static FirewallRule dispatch(String link, String zone) {
        return new FirewallRule(TABLE, DISPATCH, ZONE_CHAIN + zone, Optional.empty(), Optional.empty(),
                Optional.of(link), Optional.empty(), Optional.empty(),
                "iifname \"" + link + "\" goto " + ZONE_CHAIN + zone);
    }
}
