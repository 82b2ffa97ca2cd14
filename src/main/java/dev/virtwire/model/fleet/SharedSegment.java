package dev.virtwire.model.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A LAN segment two or more hosts of a fleet are on: derived from their snapshots (the same uplink subnet and
 * gateway), never stored.
 *
 * @param hosts each host on it, with the link and address it has there, in the fleet's order
 */
public record SharedSegment(LanSegment segment, List<Member> hosts) {
    public SharedSegment {
        Objects.requireNonNull(segment, "segment");
        hosts = List.copyOf(hosts);
    }

    /** A host on the segment: its name, the link that holds its address there, and the address (CIDR). */
    public record Member(String host, String link, String address) {
    }

    /** The segments that more than one of the hosts that were read are on. */
    public static List<SharedSegment> of(List<FleetHost> fleet) {
        Map<LanSegment, List<Member>> bySegment = new LinkedHashMap<>();
        for (FleetHost host : fleet) {
            if (host instanceof FleetHost.Up up) {
                Optional<LanSegment.Uplink> uplink = LanSegment.of(up.snapshot());
                uplink.ifPresent(u -> bySegment.computeIfAbsent(u.segment(), k -> new ArrayList<>())
                        .add(new Member(up.name(), u.link(), u.address())));
            }
        }
        return bySegment.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> new SharedSegment(e.getKey(), e.getValue())).toList();
    }
}
