package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.Severity;

/**
 * The findings only a look over several hosts can make, with their stable ids. {@code duplicate-mac} and
 * {@code duplicate-ip} are the troubleshooter's ids for the same trouble within one host; here they span hosts.
 */
public enum FleetCatalog {
    DUPLICATE_MAC("duplicate-mac", Severity.ERROR),
    DUPLICATE_IP("duplicate-ip", Severity.ERROR),
    /** a libvirt network's DHCP server bridged onto a LAN segment where another DHCP server answers too */
    ROGUE_DHCP("rogue-dhcp", Severity.ERROR),
    /**
     * a guest's VLAN, carried onto a shared segment by its host's trunk, that another host's trunk there lacks: a
     * warning over the fleet, an error on a path across hosts that needs it
     */
    VLAN_MISSING_ON_HOST("vlan-missing-on-host", Severity.WARNING),
    /** two hosts' NAT or routed networks on the same subnet, where the hosts route to each other */
    SUBNET_OVERLAP("subnet-overlap", Severity.ERROR),
    /** a path across hosts: the target guest is behind NAT (no port forward) or on an isolated network */
    GUEST_HIDDEN_FROM_LAN("guest-hidden-from-lan", Severity.ERROR),
    /**
     * a path across hosts: the target's port forwards are for other sources than the address the asking guest's
     * traffic comes from (an error when none lets it in, a warning when some do)
     */
    FORWARD_SOURCE_EXCLUDED("forward-source-excluded", Severity.ERROR),
    /** a path across hosts: the other end does not answer ARP on the shared segment, and no host shows why */
    NO_ANSWER_ON_LAN("no-answer-on-lan", Severity.ERROR);

    private final String id;
    private final Severity severity;

    FleetCatalog(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }
}
