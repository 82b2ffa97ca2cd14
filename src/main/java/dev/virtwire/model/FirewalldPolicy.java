package dev.virtwire.model;

import java.util.List;
import java.util.Objects;

/**
 * A firewalld policy (firewalld 0.9 and later): what it does to traffic from its ingress zones to its egress zones
 * ({@code ANY}, {@code HOST} or zone names), ahead of the zones' own rules when its priority is below 0.
 *
 * @param running      whether the run-time configuration has it
 * @param saved        whether the permanent configuration has it (with the same zones, target and priority)
 * @param forwardPorts firewall-cmd's spelling, {@code port=8080:proto=tcp:toport=80:toaddr=192.168.122.10}
 */
public record FirewalldPolicy(String name, boolean active, List<String> ingressZones, List<String> egressZones,
                              String target, int priority, List<FirewalldRichRule> richRules,
                              List<String> forwardPorts, boolean running, boolean saved) {
    public FirewalldPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        ingressZones = List.copyOf(ingressZones);
        egressZones = List.copyOf(egressZones);
        richRules = List.copyOf(richRules);
        forwardPorts = List.copyOf(forwardPorts);
    }

    /** Whether its target stops what no rule of it accepts. */
    public boolean stops() {
        return target.equals("REJECT") || target.equals("DROP");
    }

    /** How the user sees it: {@code guests-out (ingress trusted, egress ANY, target REJECT, priority -100)}. */
    public String describe() {
        return name + " (ingress " + String.join(" ", ingressZones) + ", egress " + String.join(" ", egressZones)
                + ", target " + target + ", priority " + priority + ")";
    }
}
