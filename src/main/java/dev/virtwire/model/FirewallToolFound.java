package dev.virtwire.model;

import java.util.Objects;

/**
 * A firewall manager (or a program with rules of its own) found on a host.
 *
 * @param running  whether its rules are loaded now
 * @param evidence what showed it, e.g. "table inet firewalld" or "/etc/nftables.conf declares table inet filter"
 */
public record FirewallToolFound(FirewallTool tool, boolean running, String evidence) {
    public FirewallToolFound {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(evidence, "evidence");
    }
}
