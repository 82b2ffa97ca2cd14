package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.topology.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spanning tree keeps a port of the guest's path from forwarding (blocking, or still listening/learning
 * after a change). The model has no port states yet, so this asks {@code bridge link show}.
 */
public final class StpBlocking implements Rule {
    private static final Pattern PORT = Pattern.compile("^\\d+:\\s+([^:@\\s]+)[@:].*\\bstate (\\w+)");
    private static final Set<String> NOT_FORWARDING = Set.of("blocking", "listening", "learning");

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().bridge().isEmpty() || !s.path().guest().isRunning()) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        List<String> ours = new ArrayList<>();
        s.path().tap().ifPresent(ours::add);
        if (s.goesOutside()) {
            ours.addAll(s.path().uplinks());
        }
        Optional<ProbeRun> ports = s.probes().bridgePorts();
        if (ports.isEmpty()) {
            if (!s.path().uplinks().isEmpty() && !s.path().throughHostStack()) {
                s.couldNotCheck("spanning tree port states on " + bridge + " (not in the snapshot; needs a probe)");
            }
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (String line : ports.get().output().lines().toList()) {
            Matcher m = PORT.matcher(line.trim());
            if (m.find() && ours.contains(m.group(1)) && NOT_FORWARDING.contains(m.group(2))) {
                out.add(Finding.of(Catalog.STP_BLOCKING, "Spanning tree keeps port " + m.group(1) + " of " + bridge
                                + " " + m.group(2))
                        .withEvidence(ports.get().evidence().get(0), "  " + line.trim())
                        .withNodes(Node.linkId(m.group(1)), Node.linkId(bridge))
                        .withSteps("if the bridge has no loop to protect, turn STP off: ip link set dev " + bridge
                                        + " type bridge stp_state 0",
                                "or wait out the forward delay (ip -d link show " + bridge + " shows it)"));
            }
        }
        return out;
    }
}
