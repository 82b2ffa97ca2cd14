package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.BridgePort;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spanning tree keeps a port of the guest's path from forwarding (blocking, or still listening/learning
 * after a change). Port states come from the snapshot; when it has none, from {@code bridge link show}.
 * Only a port whose link is up counts: the bridge calls a port whose link is down "disabled", and that is
 * evidence of link-down / uplink-down / bridge-down, not of spanning tree.
 */
public final class StpBlocking implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.STP_BLOCKING);
    }
    private static final Pattern PORT = Pattern.compile("^\\d+:\\s+([^:@\\s]+)[@:].*\\bstate (\\w+)");
    private static final Set<String> NOT_FORWARDING = Set.of("blocking", "listening", "learning");

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().bridge().isEmpty() || !s.path().guest().isRunning()) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        List<Link> ours = new ArrayList<>();
        s.path().tap().flatMap(s::link).filter(l -> l.master().filter(bridge::equals).isPresent()).ifPresent(ours::add);
        if (s.goesOutside() && !s.path().throughHostStack()) {
            s.path().uplinks().forEach(u -> s.link(u).ifPresent(ours::add));
        }
        List<Finding> out = new ArrayList<>();
        boolean known = !ours.isEmpty() && ours.stream().allMatch(l -> l.port().flatMap(BridgePort::state).isPresent());
        if (known) {
            for (Link link : ours) {
                String state = link.port().flatMap(BridgePort::state).orElseThrow();
                if (NOT_FORWARDING.contains(state) && link.isUp()) {
                    out.add(finding(s, bridge, link.name(), state, "bridge link show dev " + link.name() + ": state "
                            + state + stpEvidence(s, bridge)));
                }
            }
            return out;
        }
        Optional<ProbeRun> ports = s.probes().bridgePorts();
        if (ports.isEmpty()) {
            if (s.path().throughHostStack()) {
                return List.of(); // libvirt's own bridges: nothing to check that would matter
            }
            s.couldNotCheck("spanning tree port states on " + bridge + " (not in the snapshot)");
            return List.of();
        }
        List<String> names = ours.stream().map(Link::name).toList();
        for (String line : ports.get().output().lines().toList()) {
            Matcher m = PORT.matcher(line.trim());
            if (m.find() && names.contains(m.group(1)) && NOT_FORWARDING.contains(m.group(2)) && linkUp(line)) {
                out.add(finding(s, bridge, m.group(1), m.group(2), "$ " + ports.get().command() + ": " + line.trim()));
            }
        }
        return out;
    }

    /** {@code <BROADCAST,MULTICAST,UP,LOWER_UP>}: up, with a carrier. */
    private static boolean linkUp(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return true; // no flags printed: the state alone decides
        }
        List<String> flags = List.of(line.substring(open + 1, close).split(","));
        return flags.contains("UP") && flags.contains("LOWER_UP");
    }

    private static Finding finding(Situation s, String bridge, String port, String state, String evidence) {
        return Finding.of(Catalog.STP_BLOCKING, "Spanning tree keeps port " + port + " of " + bridge + " " + state)
                .withEvidence(evidence)
                .withNodes(new Id.Link(port), new Id.Link(bridge))
                .withSteps("if the bridge has no loop to protect, turn STP off: ip link set dev " + bridge
                                + " type bridge stp_state 0",
                        "or wait out the forward delay (ip -d link show " + bridge + " shows it)");
    }

    private static String stpEvidence(Situation s, String bridge) {
        return s.link(bridge).flatMap(Link::bridge).map(b -> " (bridge " + bridge + ": stp " + (b.stp() ? "on" : "off")
                + b.forwardDelay().stream().mapToObj(d -> ", forward delay " + d / 100.0 + " s").findFirst().orElse("")
                + ")").orElse("");
    }
}
