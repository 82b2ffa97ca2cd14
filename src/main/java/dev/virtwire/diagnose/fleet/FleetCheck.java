package dev.virtwire.diagnose.fleet;

import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.fleet.FleetHost;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs every fleet-wide check over the hosts that were read; a host that is down takes part in none. A pure
 * function of the snapshots: no probes, nothing run on the hosts.
 */
public final class FleetCheck {
    private FleetCheck() {
    }

    /** @param reach the host options that reach each host by its name, for the commands a step suggests */
    public static List<FleetFinding> of(List<FleetHost> fleet, Function<String, SuggestedCommands> reach) {
        List<FleetHost.Up> up = fleet.stream().filter(FleetHost.Up.class::isInstance).map(FleetHost.Up.class::cast)
                .toList();
        List<FleetFinding> out = new ArrayList<>();
        out.addAll(DuplicateMacAcrossHosts.of(up));
        out.addAll(DuplicateIpAcrossHosts.of(up));
        out.addAll(RogueDhcp.of(up, reach));
        out.addAll(VlanMissingOnHost.of(up));
        out.addAll(SubnetOverlapAcrossHosts.of(up));
        return out;
    }
}
