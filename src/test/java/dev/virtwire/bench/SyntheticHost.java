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
 * Hosts of a given size without the lab, on the demo host's networks, bridges and uplinks (NAT network
 * {@code default} on virbr0, {@code isolated} on virbr1, bridge br0 on eth1).
 */
public final class SyntheticHost {
    private SyntheticHost() {
    }

    /**
     * The demo host's own guests replaced by N generated running guests with two NICs each: the first on
     * {@code default} (even guests) or on br0 (odd guests), the second on {@code isolated}, every NIC with its
     * tap enslaved where it belongs.
     */
    public static HostSnapshot withGuests(int count) {
        checkSize(count);
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
            links.add(tap(first, bridged ? "br0" : "virbr0"));
            links.add(tap(second, "virbr1"));
        }
        return base.withGuests(guests).withLinks(links);
    }

    /**
     * The shape src/bench/run grows the lab into ({@link Benchmarks}, {@link ScaleLab}), without a lab: the
     * demo host keeps its own guests and links, and gains {@link Benchmarks#GUESTS} guests with two NICs each
     * (the first on network {@code default}, the second on bridge br0; no OS, so no addresses), of which the
     * first {@link Benchmarks#RUNNING} run with their taps enslaved and the rest are shut off, plus
     * {@link Benchmarks#LINK_GROUPS} groups of kernel links that no guest uses (a bridge and three veth pairs,
     * one end of two of them on the bridge).
     */
    public static HostSnapshot likeScaleLab() {
        HostSnapshot base = SimulatedHost.demo().snapshot();
        List<Link> links = new ArrayList<>(base.links());
        List<Guest> guests = new ArrayList<>(base.guests());
        int firstTap = 100; // past the demo host's own vnetN
        for (int i = 0; i < Benchmarks.GUESTS; i++) {
            boolean running = i < Benchmarks.RUNNING;
            Optional<String> first = running ? Optional.of("vnet" + (firstTap + 2 * i)) : Optional.empty();
            Optional<String> second = running ? Optional.of("vnet" + (firstTap + 2 * i + 1)) : Optional.empty();
            GuestNic nat = new GuestNic(mac(0xa0, i), Optional.of("virtio"), NicType.NETWORK,
                    Optional.of("default"), Optional.empty(), first, true, List.of(), List.of());
            GuestNic bridged = new GuestNic(mac(0xa1, i), Optional.of("virtio"), NicType.BRIDGE,
                    Optional.of("br0"), Optional.empty(), second, true, List.of(), List.of());
            guests.add(new Guest(String.format(Locale.ROOT, "%s%03d", ScaleLab.GUEST_PREFIX, i), Optional.empty(),
                    running ? GuestState.RUNNING : GuestState.SHUTOFF, List.of(nat, bridged)));
            first.ifPresent(tap -> links.add(tap(tap, "virbr0")));
            second.ifPresent(tap -> links.add(tap(tap, "br0")));
        }
        for (int g = 0; g < Benchmarks.LINK_GROUPS; g++) {
            String bridge = ScaleLab.LINK_PREFIX + "br" + g;
            links.add(Link.of(bridge, LinkKind.BRIDGE, null, 1500, LinkState.DOWN, List.of()));
            for (int v = 0; v < 3; v++) {
                String a = ScaleLab.LINK_PREFIX + g + "v" + v + "a";
                String b = ScaleLab.LINK_PREFIX + g + "v" + v + "b";
                Link end = Link.of(a, LinkKind.VETH, null, 1500, LinkState.DOWN, List.of()).withParent(Optional.of(b));
                links.add(v < 2 ? end.withMaster(Optional.of(bridge)) : end);
                links.add(Link.of(b, LinkKind.VETH, null, 1500, LinkState.DOWN, List.of()).withParent(Optional.of(a)));
            }
        }
        return base.withGuests(guests).withLinks(links);
    }

    private static void checkSize(int count) {
        if (count < 1 || count > 60_000) {
            throw new IllegalArgumentException("a synthetic host has 1 to 60000 guests, not " + count);
        }
    }

    private static Link tap(String name, String bridge) {
        return Link.of(name, LinkKind.TAP, null, 1500, LinkState.UNKNOWN, List.of()).withMaster(Optional.of(bridge));
    }

    private static String mac(int kind, int i) {
        return String.format(Locale.ROOT, "52:54:00:%02x:%02x:%02x", kind + i / 65536, i / 256 % 256, i % 256);
    }

    private static String ip(int first, int i) {
        return first == 10 ? String.format(Locale.ROOT, "10.0.%d.%d/16", i / 250, 2 + i % 250)
                : String.format(Locale.ROOT, "192.168.%d.%d/16", 122 + i / 250, 2 + i % 250);
    }
}
