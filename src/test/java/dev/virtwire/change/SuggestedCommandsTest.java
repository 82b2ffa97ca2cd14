package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal that suggests a virtwire command carries the host options of the command that was refused, so
 * that pasting it acts on the same host with the same history.
 */
class SuggestedCommandsTest {
    static final SuggestedCommands REMOTE = new SuggestedCommands(List.of("--connect", "qemu+ssh://root@h/system",
            "--state-dir", "/tmp/my state"));
    static final String OPTIONS = " --connect qemu+ssh://root@h/system --state-dir '/tmp/my state'";

    @TempDir
    Path state;

    @Test
    void aCommandIsQuotedAndEndsWithTheHostOptions() {
        assertEquals("virtwire network start 'my net'" + OPTIONS, REMOTE.line("network", "start", "my net"));
        assertEquals("virtwire recover", SuggestedCommands.local().line("recover"));
    }

    @Test
    void theWindowsHostIsReachedByTheOptionsOfItsAddress() {
        Path dir = Path.of("/s");
        assertEquals(List.of("--demo", "--state-dir", "/s"), SuggestedCommands.forHost(HostAddress.demo(), dir)
                .hostOptions());
        assertEquals(List.of("--state-dir", "/s"), SuggestedCommands.forHost(HostAddress.local(), dir).hostOptions());
        assertEquals(List.of("--connect", "qemu+unix:///system?socket=/l/sock", "--netns", "lab", "--state-dir", "/s"),
                SuggestedCommands.forHost(new HostAddress("qemu+unix:///system?socket=/l/sock",
                        new Target.Netns("lab")), dir).hostOptions());
        assertEquals(List.of("--connect", "qemu+ssh://root@h/system", "--state-dir", "/s"),
                SuggestedCommands.forHost(HostAddress.of("qemu+ssh://root@h/system"), dir).hostOptions());
        assertEquals(List.of("--ssh", "root@h", "--state-dir", "/s"), SuggestedCommands.forHost(
                new HostAddress(HostAddress.LOCAL_URI, new Target.Ssh("root@h", "ssh")), dir).hostOptions());
    }

    @Test
    void startingTheNetworkFirst() {
        try (Changes changes = changes(SimulatedHost.demo())) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> changes.plan(new GuestIntent.AttachNic("web1",
                    "52:54:00:3a:10:01", dev.virtwire.model.NicType.NETWORK, "lab", dev.virtwire.host.Scope.BOTH)));
            assertTrue(refused.getMessage().contains("virtwire network start lab" + OPTIONS), refused.getMessage());
        }
    }

    @Test
    void removingTheDefaultRouteFirst() {
        try (Changes changes = changes(SimulatedHost.demo())) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> changes.plan(
                    new RouteIntent.RestoreUplink("eth0", "192.168.1.1", Optional.empty())));
            assertTrue(refused.getMessage().contains("remove it first (virtwire route remove default --via "),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains(OPTIONS + ")"), refused.getMessage());
        }
    }

    @Test
    void bridgingTheUplinkFirst() {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        SimulatedHost noLanBridge = new SimulatedHost(demo.withLinks(demo.links().stream()
                .map(l -> l.master().filter("br0"::equals).isPresent() ? l.withMaster(Optional.empty()) : l)
                .toList()));
        try (Changes changes = changes(noLanBridge)) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> changes.plan(
                    new GuestIntent.SwitchToBridged("web1", "52:54:00:3a:10:01", Optional.empty())));
            assertTrue(refused.getMessage().contains("(virtwire uplink bridge eth0 --bridge br0 --confirm-within 60"
                    + OPTIONS + ")"), refused.getMessage());
        }
    }

    @Test
    void recoveringFirst() {
        SimulatedHost sim = SimulatedHost.demo();
        Changes dying = new Changes(new FailingHost(sim, 1, true), JournalRecoveryTest.SIM, state, REMOTE);
        Plan plan = dying.plan(new SysctlIntent.SetIpForward(false));
        assertThrows(FailingHost.Killed.class, () -> dying.apply(plan));
        try (Changes restarted = changes(sim)) {
            assertTrue(restarted.undoBlockedReason().orElseThrow().endsWith("(virtwire recover" + OPTIONS + ")"),
                    restarted.undoBlockedReason().orElseThrow());
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> restarted.apply(
                    restarted.plan(new SysctlIntent.SetIpForward(false))));
            assertTrue(refused.getMessage().endsWith("(virtwire recover" + OPTIONS + ")"), refused.getMessage());
        }
    }

    private Changes changes(SimulatedHost host) {
        return new Changes(host, JournalRecoveryTest.SIM, state, REMOTE);
    }
}
