package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();

    @Test
    void namesTheGuestAndTheNicThatChangedAndNothingElse() {
        String mac = demo.guest("web1").orElseThrow().nics().get(0).mac();
        HostSnapshot after = demo.updateGuest("web1", g -> g.withNics(g.nics().stream()
                .map(n -> n.withSource(NicType.BRIDGE, "br0")).toList()));
        assertEquals(List.of("guest:web1", "nic:web1/" + mac), SnapshotDiff.touched(demo, after).stream().map(Id::text).toList());
    }

    @Test
    void namesNetworksThatWentAndTheOutsideWhenRoutesChange() {
        HostSnapshot after = demo.withNetworks(demo.networks().stream().filter(n -> !n.name().equals("lab")).toList())
                .withRoutes(List.of());
        assertEquals(List.of("network:lab", "outside"), SnapshotDiff.touched(demo, after).stream().map(Id::text).toList());
    }

    @Test
    void theReadTimeAloneIsNoChange() {
        assertTrue(SnapshotDiff.same(demo, demo.withTakenAt(demo.takenAt().plusSeconds(5))));
        assertEquals(List.of(), SnapshotDiff.touched(demo, demo.withTakenAt(demo.takenAt().plusSeconds(5))));
    }
}
