package dev.virtwire.model;

import java.util.Objects;

/**
 * A network configuration manager found on a host.
 *
 * @param running  whether it runs now (ifupdown never runs: it acts at boot and on ifup/ifdown)
 * @param evidence what showed it, e.g. "nmcli general: running" or "/etc/network/interfaces"
 */
public record ManagerFound(LinkOwner manager, boolean running, String evidence) {
    public ManagerFound {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(evidence, "evidence");
    }
}
