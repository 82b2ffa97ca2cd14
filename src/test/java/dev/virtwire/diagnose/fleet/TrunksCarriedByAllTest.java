package dev.virtwire.diagnose.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.virtwire.diagnose.DemoEdits;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VLANs hosts on one LAN all carry on their trunks (the fleet canvas names them on the shared segment). */
class TrunksCarriedByAllTest {
    /** The demo host with br0 filtering VLANs and its LAN port eth1 carrying {@code vlans}. */
    private static HostSnapshot trunk(String vlans) {
        return DemoEdits.demoWith("""
                {"links": {"br0": {"bridge": {"stp": false, "vlan_filtering": true}},
                           "eth1": {"port": {"state": "forwarding", "vlans": %s, "pvid": 1}}}}""".formatted(vlans));
    }

    @Test
    void theVlansEveryTrunkCarriesAreShared() {
        assertEquals(List.of(1, 42), Trunks.carriedByAll(List.of(trunk("[1, 42, 77]"), trunk("[1, 42]"))));
        assertEquals(List.of(1), Trunks.carriedByAll(List.of(trunk("[1, 42]"), trunk("[1]"))));
    }

    @Test
    void aHostThatFiltersNoVlansRestrictsNothingAndNoFilteringNamesNothing() {
        assertEquals(List.of(1, 42), Trunks.carriedByAll(List.of(DemoEdits.demo(), trunk("[1, 42]"))));
        assertEquals(List.of(), Trunks.carriedByAll(List.of(DemoEdits.demo(), DemoEdits.demo())));
    }
}
