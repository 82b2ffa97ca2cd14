package dev.virtwire.bench;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.AddressOrigin;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.NicType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A host of a given size without the lab: the demo host's networks, bridges and uplinks (NAT network
 * {@code default} on virbr0, {@code isolated} on virbr1, bridge br0 on eth1), its own guests replaced by N
 * generated guests with two NICs each: the first on {@code default} (even guests) or on br0 (odd guests), the
 * second on {@code isolated}, every NIC with its tap enslaved where it belongs.
 */
public final class SyntheticHost {
    private SyntheticHost() {
    }

    public static HostSnapshot withGuests(int count) {
        if (count < 1 || count > 60_000) {
            throw new IllegalArgumentException("a synthetic host has 1 to 60000 guests, not " + count);
        }
        HostSnapshot base = SimulatedHost.demo().snapshot();
        List<Link> links = new ArrayList<>(base.links().stream()
                .filter(l -> l.kind() != LinkKind.TAP && l.kind() != LinkKind.MACVTAP).toList());
        List<Guest> guests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean bridged = i % 2 == 1;
            String first = "vnet" + (2 * i);
            String second = "vnet" + (2 * i + 1);
            GuestNic nat = new GuestNic(mac(0xa0, i), Optional.of("virtio"),
                    bridged ? NicType.BRIDGE : NicType.NETWORK, Optional.of(bridged ? "br0" : "default"),
                    Optional.empty(), Optional.of(first), true, List.of(),
                    List.of(new GuestAddress(ip(bridged ? 10 : 192, i), AddressOrigin.LEASE)));
            GuestNic isolated = new GuestNic(mac(0xb0, i), Optional.of("virtio"), NicType.NETWORK,
                    Optional.of("isolated"), Optional.empty(), Optional.of(second), true, List.of(), List.of());
            guests.add(new Guest(String.format(Locale.ROOT, "guest-%04d", i), Optional.empty(),
                    GuestState.RUNNING, List.of(nat, isolated)));
            links.add(Link.of(first, LinkKind.TAP, null, 1500, LinkState.UNKNOWN, List.of())
                    .withMaster(Optional.of(bridged ? "br0" : "virbr0")));
            links.add(Link.of(second, LinkKind.TAP, null, 1500, LinkState.UNKNOWN, List.of())
                    .withMaster(Optional.of("virbr1")));
        }
        return base.withGuests(guests).withLinks(links);
    }

    private static String mac(int kind, int i) {
        return String.format(Locale.ROOT, "52:54:00:%02x:%02x:%02x", kind + i / 65536, i / 256 % 256, i % 256);
    }

    private static String ip(int first, int i) {
        return first == 10 ? String.format(Locale.ROOT, "10.0.%d.%d/16", i / 250, 2 + i % 250)
                : String.format(Locale.ROOT, "192.168.%d.%d/16", 122 + i / 250, 2 + i % 250);
    }
}
