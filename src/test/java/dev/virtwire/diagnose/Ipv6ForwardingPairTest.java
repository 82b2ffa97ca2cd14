package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.Plan;
import dev.virtwire.change.SysctlIntent;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Scope;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.Ipv6Conf;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turning IPv6 forwarding on where the uplink takes its address by SLAAC at accept_ra=1 (the case
 * ip6-forward-disabled-uplink-takes-ra): one plan sets accept_ra=2 there first, then forwarding, both saved in
 * one write of sysctl.d; undo turns forwarding off before accept_ra goes back.
 */
class Ipv6ForwardingPairTest {
    private static final HostAddress SIM = new HostAddress("sim:///ipv6-pair", new Target.Local());

    @TempDir
    Path state;

    @Test
    void acceptRaTwoComesFirstBothAreSavedAndUndoGoesInReverse() throws Exception {
        SimulatedHost host = new SimulatedHost(DemoEdits.demoWith(DemoEdits.MAPPER.readTree(getClass()
                .getResourceAsStream("cases/ip6-forward-disabled-uplink-takes-ra.json")).path("edits")));
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new SysctlIntent.SetIpv6Conf("all", "forwarding", 1, Scope.BOTH));
            List<String> run = plan.commands().stream().filter(l -> !l.startsWith(" ")).toList();
            assertEquals("sysctl -w net.ipv6.conf.eth0.accept_ra=2", run.get(0), run::toString);
            assertEquals("sysctl -w net.ipv6.conf.all.forwarding=1", run.get(1), run::toString);
            assertTrue(plan.commands().contains("    # +net.ipv6.conf.eth0.accept_ra = 2"), plan.commands()::toString);
            assertTrue(plan.commands().contains("    # +net.ipv6.conf.all.forwarding = 1"), plan.commands()::toString);
            assertTrue(plan.title().contains("first accept_ra=2 on eth0"), plan.title());
            changes.apply(plan);
            assertEquals(OptionalInt.of(2), host.snapshot().kernel().ipv6("eth0").map(Ipv6Conf::acceptRa).orElseThrow());
            assertEquals(Optional.of(true), host.snapshot().kernel().ipv6("all").flatMap(Ipv6Conf::forwarding));
            assertEquals(Optional.of("2"), SysctlConf.valueOf(host.savedFile(), "net.ipv6.conf.eth0.accept_ra"));
            assertTrue(host.snapshot().routes6().stream().anyMatch(r -> r.isDefault()), "the default route stays");

            List<String> undo = changes.undoPlan().commands().stream().filter(l -> l.startsWith("sysctl")).toList();
            assertEquals(List.of("sysctl -w net.ipv6.conf.all.forwarding=0", "sysctl -w net.ipv6.conf.eth0.accept_ra=1"),
                    undo);
            changes.undo();
            assertEquals(OptionalInt.of(1), host.snapshot().kernel().ipv6("eth0").map(Ipv6Conf::acceptRa).orElseThrow());
            assertEquals(Optional.empty(), host.savedFile());
        }
    }
}
