package dev.virtwire.host.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.Intent;
import dev.virtwire.change.LinkIntent;
import dev.virtwire.change.RouteIntent;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.IpCommands;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.Route;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo host's revert watchdog reads the batch lines IpCommands writes exactly as the steps they came from:
 * every kernel step of real plans (and its inverse), applied to one demo host and run as a batch line on
 * another, leaves both the same; links named like ip's keywords are read as names.
 */
class SimulatedIpBatchTest {
    static final HostAddress SIM = new HostAddress("sim:///batch", new Target.Local());

    @TempDir
    Path state;

    @Test
    void everyKernelStepRunsTheSameAsItsBatchLine() {
        SimulatedHost applied = SimulatedHost.demo();
        SimulatedHost batched = SimulatedHost.demo();
        List<Operation> done = new ArrayList<>();
        try (Changes changes = new Changes(applied, SIM, state)) {
            for (Intent intent : List.of(new LinkIntent.SetLinkMtu("eth1", 9000),
                    new LinkIntent.CreateBridge("br-test", true, 4),
                    new RouteIntent.AddRoute("10.99.0.0/16", Optional.of("192.168.1.254"), "eth0", Optional.of(50)),
                    new LinkIntent.SetLinkMaster("vnet6", Optional.of("virbr0")),
                    new LinkIntent.BridgeUplink("eth0", "brlan", true, 60))) {
                for (Operation step : changes.plan(intent).operations()) {
                    if (step.ipCommand().isPresent()) {
                        runBothWays(step, applied, batched);
                        done.add(step);
                    }
                }
            }
        }
        assertTrue(done.size() >= 10, done.toString());
        for (int k = done.size() - 1; k >= 0; k--) {
            runBothWays(done.get(k).inverse(), applied, batched);
        }
    }

    private static void runBothWays(Operation step, SimulatedHost applied, SimulatedHost batched) {
        step.apply(applied);
        String line = IpCommands.batchLine(step.ipCommand().orElseThrow());
        assertEquals(List.of(), SimulatedIpBatch.run(batched, List.of(line)), line);
        assertEquals(normalized(applied.snapshot()), normalized(batched.snapshot()), line);
    }

    @Test
    void linksNamedLikeKeywordsAreNames() {
        SimulatedHost host = SimulatedHost.demo();
        host.createBridge("metric", dev.virtwire.model.BridgeSettings.KERNEL_DEFAULT, Optional.empty());
        assertEquals(List.of(), SimulatedIpBatch.run(host, List.of(
                IpCommands.batchLine(IpCommands.setUp("metric", true)),
                IpCommands.batchLine(IpCommands.setMaster("eth1", Optional.of("metric"))))));
        Link eth1 = host.snapshot().link("eth1").orElseThrow();
        assertEquals(Optional.of("metric"), eth1.master());
        assertTrue(host.snapshot().link("metric").orElseThrow().adminUp());
    }

    private static HostSnapshot normalized(HostSnapshot s) {
        return s.withTakenAt(Instant.EPOCH)
                .withLinks(s.links().stream().sorted(Comparator.comparing(Link::name)).toList())
                .withRoutes(s.routes().stream().sorted(Comparator.comparing(Route::toString)).toList());
    }
}
