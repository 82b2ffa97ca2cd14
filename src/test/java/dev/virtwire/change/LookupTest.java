package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every planner's "there is no X named Y" names what there is instead, the same way. */
class LookupTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final Lookup lookup = new Lookup(demo);

    @Test
    void aMissingNetworkIsRefusedNamingTheNetworksThereAre() {
        String networks = String.join(", ", demo.networks().stream().map(n -> n.name()).toList());
        assertEquals("there is no libvirt network named 'lan'; networks: " + networks,
                assertThrows(ChangeRefused.class, () -> lookup.network("lan")).getMessage());
        assertEquals("default", lookup.network("default").name());
    }

    @Test
    void aLinkThatIsNoBridgeIsNoBridge() {
        String bridges = String.join(", ", demo.links().stream().filter(l -> l.kind() == LinkKind.BRIDGE)
                .map(Link::name).toList());
        assertEquals("there is no Linux bridge named 'eth0'; bridges: " + bridges,
                assertThrows(ChangeRefused.class, () -> lookup.bridge("eth0")).getMessage());
    }

    @Test
    void aLongListIsCutAndCounted() {
        List<Link> links = new ArrayList<>(demo.links());
        IntStream.range(0, 100).forEach(i -> links.add(Link.of("veth" + i, LinkKind.VETH, null, 1500, LinkState.UP,
                List.of())));
        HostSnapshot busy = demo.withLinks(links);
        String message = assertThrows(ChangeRefused.class, () -> new Lookup(busy).link("nope0", "link")).getMessage();
        String first = String.join(", ", links.subList(0, Lookup.SHOWN).stream().map(Link::name).toList());
        assertEquals("there is no link named 'nope0'; links: " + first + " and " + (links.size() - Lookup.SHOWN)
                + " more", message);
    }

    @Test
    void nothingToNameSaysNone() {
        assertEquals("there is no libvirt network named 'x'; networks: none", assertThrows(ChangeRefused.class,
                () -> new Lookup(demo.withNetworks(List.of())).network("x")).getMessage());
    }

    @Test
    void aNameThatCannotBeOneIsRefusedBeforeItIsLookedFor() {
        String message = assertThrows(ChangeRefused.class, () -> lookup.link("br 0", "bridge")).getMessage();
        assertTrue(message.contains("not a valid bridge name"), message);
    }
}
