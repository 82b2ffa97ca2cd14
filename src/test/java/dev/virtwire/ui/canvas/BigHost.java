package dev.virtwire.ui.canvas;

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

/** The demo host plus many running guests on its NAT network, each with a tap on virbr0. */
public final class BigHost {
    private BigHost() {
    }

    public static HostSnapshot withGuests(HostSnapshot base, int count) {
        List<Guest> guests = new ArrayList<>(base.guests());
        List<Link> links = new ArrayList<>(base.links());
        for (int i = 0; i < count; i++) {
            String mac = String.format(Locale.ROOT, "52:54:00:aa:%02x:%02x", i / 256, i % 256);
            String tap = "vnet" + (100 + i);
            GuestNic nic = new GuestNic(mac, Optional.of("virtio"), NicType.NETWORK, Optional.of("default"),
                    Optional.empty(), Optional.of(tap), true, List.of(),
                    List.of(new GuestAddress(String.format(Locale.ROOT, "192.168.%d.%d/16", 130 + i / 250, 2 + i % 250),
                            AddressOrigin.LEASE)));
            guests.add(new Guest(String.format(Locale.ROOT, "scale-%04d", i), Optional.empty(), GuestState.RUNNING,
                    List.of(nic)));
            links.add(Link.of(tap, LinkKind.TAP, null, 1500, LinkState.UNKNOWN, List.of())
                    .withMaster(Optional.of("virbr0")));
        }
        return base.withGuests(guests).withLinks(links);
    }
}
