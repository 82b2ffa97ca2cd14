package dev.virtwire.host.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.IpCommands;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.lab.InTheLabsTurn;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The host-side revert watchdog and the kernel changes on a real kernel, inside a throwaway network
 * namespace (needs root): an uplink-like move of an address and default route onto a new bridge is
 * reverted by the watchdog when not confirmed, and stays when confirmed.
 */
@Tag("lab")
@InTheLabsTurn
class RevertWatchdogLabTest {
    private final String ns = "vw-wd-" + UUID.randomUUID().toString().substring(0, 8);
    private final CommandRunner local = new CommandRunner(new Target.Local());
    private CommandRunner inNs;
    private KernelChanges kernel;

    @BeforeEach
    void namespace() {
        local.output(List.of("ip", "netns", "add", ns));
        inNs = new CommandRunner(new Target.Netns(ns));
        kernel = new KernelChanges(inNs, Privilege.none());
        inNs.output(List.of("ip", "link", "add", "up0", "type", "veth", "peer", "name", "up0p"));
        inNs.output(List.of("ip", "link", "set", "up0p", "up"));
        inNs.output(List.of("ip", "link", "set", "up0", "up"));
        inNs.output(List.of("ip", "address", "add", "10.77.0.2/24", "dev", "up0"));
        inNs.output(List.of("ip", "route", "add", "default", "via", "10.77.0.1", "dev", "up0", "metric", "100"));
    }

    @AfterEach
    void removeNamespace() {
        local.run(List.of("ip", "netns", "del", ns));
    }

    /** The steps of bridging up0 into br-up, and their revert as the planner writes it. */
    private String id;

    private void moveOntoBridge() {
        Route viaUp0 = new Route("default", Optional.of("10.77.0.1"), Optional.of("up0"), OptionalInt.of(100));
        Route viaBridge = new Route("default", Optional.of("10.77.0.1"), Optional.of("br-up"), OptionalInt.of(100));
        List<String> revert = List.of(
                IpCommands.batchLine(IpCommands.setRoute(viaBridge, false)),
                IpCommands.batchLine(IpCommands.setAddress("br-up", "10.77.0.2/24", false)),
                IpCommands.batchLine(IpCommands.setAddress("up0", "10.77.0.2/24", true)),
                IpCommands.batchLine(IpCommands.setRoute(viaUp0, true)),
                IpCommands.batchLine(IpCommands.setMaster("up0", Optional.empty())),
                IpCommands.batchLine(IpCommands.deleteBridge("br-up")));
        id = UUID.randomUUID().toString();
        kernel.armRevert(id, revert, Duration.ofSeconds(2));
        kernel.createBridge("br-up", BridgeSettings.KERNEL_DEFAULT, Optional.empty());
        inNs.output(IpCommands.setUp("br-up", true));
        inNs.output(IpCommands.setMaster("up0", Optional.of("br-up")));
        kernel.setRoute(viaUp0, false);
        kernel.setAddress("up0", "10.77.0.2/24", false, Optional.empty());
        kernel.setAddress("br-up", "10.77.0.2/24", true, Optional.empty());
        kernel.setRoute(viaBridge, true);
        assertTrue(routes().contains("default via 10.77.0.1 dev br-up"), routes());
    }

    @Test
    void withoutConfirmationTheWatchdogPutsItAllBack() throws Exception {
        moveOntoBridge();
        waitUntil(() -> routes().contains("default via 10.77.0.1 dev up0"), Duration.ofSeconds(10));
        assertTrue(inNs.output(List.of("ip", "-4", "address", "show", "dev", "up0")).contains("10.77.0.2/24"));
        assertTrue(routes().contains("10.77.0.0/24 dev up0 proto kernel"), "the prefix route is the kernel's again, "
                + "so it comes back by itself after the link flaps: " + routes());
        assertFalse(inNs.run(List.of("ip", "link", "show", "br-up")).ok(), "the bridge is gone");
        assertFalse(kernel.disarmRevert(id), "too late to confirm");
    }

    @Test
    void confirmedInTimeItStays() throws Exception {
        moveOntoBridge();
        assertTrue(kernel.disarmRevert(id));
        Thread.sleep(3000);
        assertTrue(routes().contains("default via 10.77.0.1 dev br-up"), routes());
        assertEquals(0, inNs.run(List.of("ip", "link", "show", "br-up")).exitCode());
    }

    private String routes() {
        return inNs.output(List.of("ip", "route", "show"));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration limit)
            throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not reached within " + limit);
            }
            Thread.sleep(100);
        }
    }
}
