package dev.virtwire.host.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.model.FirewallBackend;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** A target where every command fails still gives a result, with each failure named in the gaps. */
class ReadersAtAMissingTargetTest {
    private final CommandRunner nowhere = new CommandRunner(new Target.Netns("vw-no-such-namespace"));

    @Test
    void kernelGapsNameTheCommandAndWhere() {
        KernelFacts facts = new KernelReader(nowhere, ForkJoinPool.commonPool()).read();
        assertTrue(facts.links().isEmpty() && facts.routes().isEmpty());
        assertTrue(facts.settings().ipForward().isEmpty());
        // one gap per command: links, bridge ports, routes of both families, neighbours, three sysctl reads
        assertEquals(8, facts.gaps().size(), facts.gaps().toString());
        assertTrue(facts.gaps().stream().anyMatch(g -> g.contains("ip -j -d addr show")
                && g.contains("network namespace vw-no-such-namespace")), facts.gaps().toString());
    }

    @Test
    void firewallGapsNameTheCommandAndTheStateIsUnknown() {
        FirewallReader.Reading reading = new FirewallReader(nowhere, ForkJoinPool.commonPool()).read();
        assertEquals(FirewallBackend.UNKNOWN, reading.state().backend());
        // iptables -V, iptables-save, ip6tables-save, nft: one gap each
        assertEquals(4, reading.gaps().size(), reading.gaps().toString());
        assertTrue(reading.gaps().stream().anyMatch(g -> g.contains("ip6tables-save -c")), reading.gaps().toString());
        assertTrue(reading.gaps().stream().anyMatch(g -> g.contains("nft -j list ruleset")), reading.gaps().toString());
    }

    @Test
    void anUnreachableSshHostIsAGapThatSaysSo() {
        CommandRunner ssh = new CommandRunner(new Target.Ssh("nosuchhost.invalid"));
        KernelFacts facts = new KernelReader(ssh, ForkJoinPool.commonPool()).read();
        assertTrue(facts.links().isEmpty());
        assertTrue(facts.gaps().stream().allMatch(g -> g.contains("ssh nosuchhost.invalid") || g.contains("'ssh'")),
                facts.gaps().toString());
    }

    @Test
    void linkNamesAreCheckedBeforeAnyCommandRuns() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> dev.virtwire.host.IpCommands.setMaster("eth0; reboot", java.util.Optional.of("br0")));
        assertTrue(e.getMessage().contains("is not a valid link name"), e.getMessage());
        assertEquals(java.util.List.of("ip", "link", "set", "dev", "vnet0", "nomaster"),
                dev.virtwire.host.IpCommands.setMaster("vnet0", java.util.Optional.empty()));
    }
}
