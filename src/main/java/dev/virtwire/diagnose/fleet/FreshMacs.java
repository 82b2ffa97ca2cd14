package dev.virtwire.diagnose.fleet;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.fleet.FleetHost;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * New MACs for guest NICs in libvirt's own range (52:54:00, as virt-install and virsh attach-interface give them),
 * random, and used by no guest NIC or link on any host of the fleet that was read, nor given out before by this.
 */
final class FreshMacs {
    private final Set<String> taken = new HashSet<>();
    private final RandomGenerator random;

    FreshMacs(List<FleetHost.Up> fleet, RandomGenerator random) {
        this.random = random;
        for (FleetHost.Up host : fleet) {
            host.snapshot().guests().stream().map(Guest::nics).flatMap(List::stream).map(GuestNic::mac)
                    .forEach(taken::add);
            host.snapshot().links().stream().flatMap(l -> l.mac().stream()).forEach(taken::add);
        }
    }

    /** 2^24 MACs against a fleet's few thousand: a draw is taken again only when it is in use. */
    String next() {
        while (true) {
            String mac = String.format("52:54:00:%02x:%02x:%02x", random.nextInt(256), random.nextInt(256),
                    random.nextInt(256));
            if (taken.add(mac)) {
                return mac;
            }
        }
    }
}
