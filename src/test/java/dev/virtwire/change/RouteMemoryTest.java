package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default routes kept per host: written when seen, kept through a read without one, never for the demo. */
class RouteMemoryTest {
    private static final Route DEFAULT = new Route("default", Optional.of("192.168.1.1"), Optional.of("eth0"),
            OptionalInt.of(100));

    @TempDir
    Path state;

    @Test
    void aRouteSeenOnceIsKnownToTheNextProcessEvenAfterTheKernelDroppedIt() {
        HostSnapshot healthy = SimulatedHost.demo().snapshot();
        new RouteMemory(state, RoundTripTest.SIM).remember(healthy);

        RouteMemory later = new RouteMemory(state, RoundTripTest.SIM);
        later.remember(healthy.withRoutes(healthy.routes().stream().filter(r -> !r.isDefault()).toList()));
        assertEquals(List.of(DEFAULT), new RouteMemory(state, RoundTripTest.SIM).defaults());
    }

    @Test
    void eachHostHasItsOwnAndTheDemoHostNone() {
        new RouteMemory(state, HostAddress.demo()).remember(SimulatedHost.demo().snapshot());
        assertEquals(List.of(), new RouteMemory(state, HostAddress.demo()).defaults());
        assertEquals(List.of(), new RouteMemory(state, RoundTripTest.SIM).defaults());
    }

    @Test
    void aDamagedFileCostsOnlyTheMemory() throws Exception {
        new RouteMemory(state, RoundTripTest.SIM).remember(SimulatedHost.demo().snapshot());
        try (var files = Files.walk(state)) {
            Path file = files.filter(f -> f.getFileName().toString().equals("default-routes.json")).findFirst()
                    .orElseThrow();
            Files.writeString(file, "{not json");
        }
        RouteMemory memory = new RouteMemory(state, RoundTripTest.SIM);
        assertTrue(memory.defaults().isEmpty());
        memory.remember(SimulatedHost.demo().snapshot());
        assertFalse(new RouteMemory(state, RoundTripTest.SIM).defaults().isEmpty(), "written again");
    }
}
