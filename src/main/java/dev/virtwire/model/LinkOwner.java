package dev.virtwire.model;

import java.util.Arrays;

/**
 * The program that configures a link at boot from saved configuration: the host's network configuration
 * manager, or none (the link exists only until the next reboot, or the kernel and libvirt make it).
 */
public enum LinkOwner {
    NETWORK_MANAGER("NetworkManager"), NETWORKD("systemd-networkd"), IFUPDOWN("ifupdown"), NETPLAN("netplan"),
    NONE("none");

    private final String label;

    LinkOwner(String label) {
        this.label = label;
    }

    /** The manager's own name, also its spelling in the topology JSON. */
    public String json() {
        return label;
    }

    /**
     * Whether Virtwire changes this manager's saved configuration: all four (netplan's YAML live only where it renders
     * for systemd-networkd, else from the next boot; what a manager's planner cannot do there, it refuses, named).
     */
    public boolean savedThroughByVirtwire() {
        return this != NONE;
    }

    public static LinkOwner fromJson(String value) {
        return Arrays.stream(values()).filter(o -> o.label.equals(value)).findFirst().orElse(NONE);
    }

    @Override
    public String toString() {
        return label;
    }
}
