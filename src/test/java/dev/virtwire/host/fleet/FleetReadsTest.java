package dev.virtwire.host.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.fleet.FleetHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet's hosts are read at once; one that fails or hangs is down with its reason, the others are read. */
class FleetReadsTest {
    private static final FleetEntry UP = new FleetEntry("kvm1", HostAddress.demo());
    private static final FleetEntry FAILS = new FleetEntry("kvm2", new HostAddress("qemu:///system",
            new Target.Netns("vw-gone")));
    private static final FleetEntry HANGS = new FleetEntry("kvm3", HostAddress.of("qemu+ssh://root@kvm3/system"));

    @Test
    void aHostThatFailsOrHangsIsDownAndTheOthersAreRead() {
        CountDownLatch never = new CountDownLatch(1);
        FleetReads reads = new FleetReads(address -> {
            if (address.equals(FAILS.address())) {
                throw new HostException("cannot run commands in network namespace vw-gone");
            }
            if (address.equals(HANGS.address())) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new HostException("interrupted");
            }
            return SimulatedHost.demo();
        }, Duration.ofMillis(1500));
        long start = System.nanoTime();
        List<FleetHost> read = reads.read(List.of(HANGS, UP, FAILS));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs < 5000, "the hanging host is given up after the limit, not waited for: " + tookMs + " ms");
        assertEquals(List.of("kvm3", "kvm1", "kvm2"), read.stream().map(FleetHost::name).toList());
        assertEquals("did not answer within 1.5 s (qemu+ssh://root@kvm3/system (ssh root@kvm3))",
                ((FleetHost.Down) read.get(0)).reason());
        assertEquals("kvm-demo", assertInstanceOf(FleetHost.Up.class, read.get(1)).snapshot().host().name());
        assertEquals("cannot run commands in network namespace vw-gone", ((FleetHost.Down) read.get(2)).reason());
    }

    @Test
    void hostsAreReadAtOnceNotOneAfterAnother() {
        CountDownLatch bothOpening = new CountDownLatch(2);
        FleetReads reads = new FleetReads(address -> {
            bothOpening.countDown();
            try {
                // each waits for the other: read one after the other, the first would wait out the limit
                if (!bothOpening.await(5, TimeUnit.SECONDS)) {
                    throw new HostException("read alone");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SimulatedHost.demo();
        }, Duration.ofSeconds(10));
        List<FleetHost> read = reads.read(List.of(UP, FAILS));
        assertTrue(read.stream().allMatch(FleetHost.Up.class::isInstance), read.toString());
    }

    @Test
    void theListKeepsNameUriAndKernelTarget(@TempDir Path config) {
        FleetList list = new FleetList(config);
        list.add(UP);
        list.add(FAILS);
        list.add(new FleetEntry("kvm4", new HostAddress("qemu+ssh://root@kvm4/system", new Target.Ssh("admin@kvm4"))));
        list.add(HANGS);
        assertEquals(List.of(UP, FAILS, new FleetEntry("kvm4", new HostAddress("qemu+ssh://root@kvm4/system",
                new Target.Ssh("admin@kvm4"))), HANGS), new FleetList(config).hosts());
    }
}
