package dev.virtwire.diagnose.fleet;

import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.fleet.FleetHost;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Runs every fleet-wide check over the hosts that were read; a host that is down takes part in none. A pure
 * function of the snapshots (and of the random source that picks new MACs for fixes): no probes, nothing run on
 * the hosts.
 */
public final class FleetCheck {
    private FleetCheck() {
    }

    /** @param reach the host options that reach each host by its name, for the commands a step suggests */
    public static List<FleetFinding> of(List<FleetHost> fleet, Function<String, SuggestedCommands> reach) {
        return of(fleet, reach, new SecureRandom());
    }

    /** @param random where new MACs for the duplicate-MAC fixes come from (a seeded one in tests) */
    public static List<FleetFinding> of(List<FleetHost> fleet, Function<String, SuggestedCommands> reach,
                                        RandomGenerator random) {
        List<FleetHost.Up> up = fleet.stream().filter(FleetHost.Up.class::isInstance).map(FleetHost.Up.class::cast)
                .toList();
        List<FleetFinding> out = new ArrayList<>();
        out.addAll(DuplicateMacAcrossHosts.of(up, new FreshMacs(up, random)));
        out.addAll(DuplicateIpAcrossHosts.of(up));
        out.addAll(RogueDhcp.of(up, reach));
        out.addAll(VlanMissingOnHost.of(up));
        out.addAll(SubnetOverlapAcrossHosts.of(up));
        return out;
    }
}
