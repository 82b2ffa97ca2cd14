package dev.virtwire.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A network carrying every optional part (MTU, bandwidth with all four values, portgroups), for round trips. */
public final class FullNetworks {
    private FullNetworks() {
    }

    public static VirtualNetwork withEverything(VirtualNetwork n) {
        BandwidthLimit all = new BandwidthLimit(OptionalLong.of(1000), OptionalLong.of(5000), OptionalLong.of(5120),
                OptionalLong.of(200));
        Bandwidth in = new Bandwidth(Optional.of(all), Optional.empty());
        Bandwidth both = new Bandwidth(Optional.of(BandwidthLimit.of(500)), Optional.of(BandwidthLimit.of(128)));
        List<Portgroup> groups = List.of(
                new Portgroup("engineering", true, List.of(), Optional.empty(), Optional.of("openvswitch")),
                new Portgroup("sales", false, List.of(42), Optional.of(both), Optional.empty()),
                new Portgroup("trunk", false, List.of(42, 47), Optional.empty(), Optional.empty()));
        return new VirtualNetwork(n.name(), n.uuid(), n.active(), n.autostart(), n.mode(), n.bridge(), n.devices(),
                n.ips(), OptionalInt.of(9000), Optional.of(in), groups);
    }
}
