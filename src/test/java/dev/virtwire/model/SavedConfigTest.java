package dev.virtwire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What "saved" compares between a running link and its manager's saved configuration. */
class SavedConfigTest {
    private static final Link BR0 = Link.of("br0", LinkKind.BRIDGE, "52:54:00:00:00:01", 1500, LinkState.UP,
            List.of("10.0.0.2/24"));
    private static final SavedLink SAVED_BR0 = SavedLink.of("br0", LinkOwner.NETWORK_MANAGER, "bridge-br0",
            SavedAddresses.of(List.of("10.0.0.2/24")));

    private static SavedConfig config(SavedLink... links) {
        return new SavedConfig(true, List.of(), List.of(links));
    }

    @Test
    void aLinkAsSavedIsSavedAndNamesItsManagerAndProfile() {
        LinkConfig c = config(SAVED_BR0).of(BR0).orElseThrow();
        assertEquals(LinkOwner.NETWORK_MANAGER, c.manager());
        assertEquals(Optional.of("bridge-br0"), c.profile());
        assertTrue(c.saved(), c.drift()::toString);
    }

    @Test
    void anMtuSetByHandIsDriftAgainstTheDefaultWhenNoneIsSaved() {
        Link changed = new Link("br0", LinkKind.BRIDGE, BR0.mac(), OptionalInt.of(1400), LinkState.UP, true,
                Optional.empty(), Optional.empty(), BR0.addresses(), OptionalInt.empty());
        LinkConfig c = config(SAVED_BR0).of(changed).orElseThrow();
        assertFalse(c.saved());
        assertEquals(List.of("mtu: running 1400, saved 1500"), c.drift());
    }

    @Test
    void addressesByHandAndAMissingOneAreDriftButDhcpAllowsAny() {
        Link other = BR0.withAddresses(List.of("10.0.0.9/24"));
        assertEquals(List.of("addresses: saved 10.0.0.2/24 not running", "addresses: running 10.0.0.9/24 not saved"),
                config(SAVED_BR0).of(other).orElseThrow().drift());
        SavedLink dhcp = SAVED_BR0.withAddresses(Optional.of(SavedAddresses.byDhcp()));
        assertTrue(config(dhcp).of(other).orElseThrow().saved());
    }

    @Test
    void aPortOnAnotherBridgeOrAWrongVlanIsDrift() {
        SavedLink port = SavedLink.of("eth1", LinkOwner.IFUPDOWN, "/etc/network/interfaces:7", SavedAddresses.none())
                .withMaster(Optional.of("br0"));
        Link eth1 = Link.of("eth1", LinkKind.PHYSICAL, null, 1500, LinkState.UP, List.of())
                .withMaster(Optional.of("br1"));
        assertEquals(List.of("master: running br1, saved br0"), config(port).of(eth1).orElseThrow().drift());
        SavedLink vlan = SavedLink.of("eth0.10", LinkOwner.NETWORKD, "/etc/systemd/network/v.netdev:1",
                SavedAddresses.none()).withVlan(OptionalInt.of(10), Optional.of("eth0"));
        Link running = Link.of("eth0.10", LinkKind.VLAN, null, 1500, LinkState.UP, List.of())
                .withVlanId(OptionalInt.of(11)).withParent(Optional.of("eth0"));
        assertEquals(List.of("vlan id: running 11, saved 10"), config(vlan).of(running).orElseThrow().drift());
    }

    @Test
    void theProfileAppliedNowDecidesWhenTwoClaimALink() {
        SavedLink other = SavedLink.of("br0", LinkOwner.IFUPDOWN, "/etc/network/interfaces:3", SavedAddresses.none());
        LinkConfig c = config(other, SAVED_BR0.withActive(true)).of(BR0).orElseThrow();
        assertEquals(LinkOwner.NETWORK_MANAGER, c.manager());
    }

    @Test
    void noManagerMeansNotSavedAndNothingReadMeansUnknown() {
        LinkConfig c = config().of(BR0).orElseThrow();
        assertEquals(LinkOwner.NONE, c.manager());
        assertFalse(c.saved());
        assertTrue(SavedConfig.unknown().of(BR0).isEmpty());
    }
}
