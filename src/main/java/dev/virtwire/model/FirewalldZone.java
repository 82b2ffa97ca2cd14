package dev.virtwire.model;

import java.util.List;
import java.util.Objects;

/**
 * A firewalld zone as firewall-cmd lists it: what Virtwire does not read from firewalld's table (which interfaces
 * are in it, its rich rules, whether they are saved).
 *
 * @param active     firewalld's "(active)": an interface or source is in it
 * @param defaultZone whether interfaces without a zone of their own fall to it
 */
public record FirewalldZone(String name, boolean active, boolean defaultZone, String target, List<String> interfaces,
                            List<String> sources, List<FirewalldRichRule> richRules, List<String> forwardPorts,
                            boolean running, boolean saved) {
    public FirewalldZone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        interfaces = List.copyOf(interfaces);
        sources = List.copyOf(sources);
        richRules = List.copyOf(richRules);
        forwardPorts = List.copyOf(forwardPorts);
    }
}
