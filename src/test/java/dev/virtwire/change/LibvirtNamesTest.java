package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.NicType;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names libvirt accepts (spaces, '&', accents) are editable; only what libvirt refuses ('/', line breaks,
 * empty) is refused, with a message that says what is allowed. Link names follow the kernel's rules.
 */
class LibvirtNamesTest {
    static final HostAddress SIM = new HostAddress("sim:///names", new Target.Local());
    static final String ODD = "web 1 &é";
    static final String WEB1 = "52:54:00:3a:10:01";

    @TempDir
    Path state;

    @Test
    void aGuestWithSpacesAmpersandAndAccentsHasItsNicMovedAndMovedBack() {
        SimulatedHost host = new SimulatedHost(renamedWeb1(SimulatedHost.demo().snapshot()));
        try (Changes changes = new Changes(host, SIM, state)) {
            HostSnapshot before = Snapshots.normalized(host.snapshot());
            Plan plan = changes.plan(new GuestIntent.AttachNic(ODD, WEB1, NicType.NETWORK, "isolated", Scope.BOTH));
            assertTrue(plan.commands().get(0).contains("'" + ODD + "'"), "quoted in the preview: " + plan.commands());
            changes.apply(plan);
            assertEquals(Optional.of("isolated"), host.snapshot().guest(ODD).flatMap(g -> g.nic(WEB1))
                    .flatMap(n -> n.source()));
            changes.undo();
            assertEquals(before, Snapshots.normalized(host.snapshot()));
        }
    }

    @Test
    void aNetworkNamedWithSpacesAndAccentsIsCreatedAndRemoved() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            changes.apply(changes.plan(new NetworkIntent.CreateNetwork("lan é 2", NetworkMode.NAT, Optional.empty(),
                    Optional.of("192.168.61.1/24"), Optional.empty(), Optional.empty(), Optional.empty())));
            assertTrue(host.snapshot().network("lan é 2").isPresent());
            changes.undo();
            assertTrue(host.snapshot().network("lan é 2").isEmpty());
        }
    }

    @Test
    void whatLibvirtRefusesIsRefusedSayingWhatIsAllowed() {
        for (String name : new String[] {"", "a/b", "two\nlines"}) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> Input.libvirtName(name, "guest"));
            assertTrue(refused.getMessage().contains("any non-empty name without '/' or line breaks"),
                    refused.getMessage());
        }
        assertEquals("tab\tand & é", Input.libvirtName("tab\tand & é", "network"));
    }

    @Test
    void linkNamesFollowTheKernel() {
        assertEquals("vnet-é.1@x", Input.link("vnet-é.1@x", "link"));
        assertEquals("a".repeat(15), Input.link("a".repeat(15), "link"));
        for (String name : new String[] {"", ".", "..", "a".repeat(16), "ééééééééé", "br 0", "br/0", "br:0"}) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> Input.link(name, "bridge"), name);
            assertTrue(refused.getMessage().contains("the kernel takes 1 to 15 bytes"), refused.getMessage());
        }
    }

    private static HostSnapshot renamedWeb1(HostSnapshot demo) {
        return demo.withGuests(demo.guests().stream().map(g -> g.name().equals("web1")
                ? new Guest(ODD, g.uuid(), g.state(), g.nics()) : g).toList());
    }
}
