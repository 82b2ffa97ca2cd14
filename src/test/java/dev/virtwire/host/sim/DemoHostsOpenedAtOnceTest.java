package dev.virtwire.host.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of two demo hosts opens both at once on one fresh state dir (`virtwire diagnose kvm1:web1 --to
 * guest:kvm2:nas`): the second's start-over must not delete the first's state while it is written. It did ("cannot
 * keep the demo host's state ...tmp: no such file"), FleetCommandsTest failing in the loaded fast suite.
 */
class DemoHostsOpenedAtOnceTest {
    @TempDir
    Path dir;

    @Test
    void twoDemoHostsOpenedAtOnceOnAFreshDirBothStart() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            Path state = dir.resolve("state-" + round);
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<SimulatedHost>> opens = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                opens.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return SavedDemoHost.open(state);
                }));
            }
            for (CompletableFuture<SimulatedHost> open : opens) {
                try {
                    open.join().close();
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertEquals(List.of(), failures);
    }
}
