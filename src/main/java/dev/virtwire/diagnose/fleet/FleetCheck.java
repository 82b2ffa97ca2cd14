package dev.virtwire.diagnose.fleet;

import dev.virtwire.model.fleet.FleetHost;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every fleet-wide check over the hosts that were read; a host that is down takes part in none. A pure
 * function of the snapshots: no probes, nothing run on the hosts.
 */
public final class FleetCheck {
    private FleetCheck() {
    }

    public static List<FleetFinding> of(List<FleetHost> fleet) {
        List<FleetHost.Up> up = fleet.stream().filter(FleetHost.Up.class::isInstance).map(FleetHost.Up.class::cast)
                .toList();
        List<FleetFinding> out = new ArrayList<>();
        out.addAll(DuplicateMacAcrossHosts.of(up));
        out.addAll(DuplicateIpAcrossHosts.of(up));
        out.addAll(RogueDhcp.of(up));
        out.addAll(VlanMissingOnHost.of(up));
        out.addAll(SubnetOverlapAcrossHosts.of(up));
        return out;
    }
}
