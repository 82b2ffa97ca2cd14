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
    ROGUE_DHCP("rogue-dhcp", Severity.ERROR);

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
