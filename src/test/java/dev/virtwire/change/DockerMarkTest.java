package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.firewall.DockerNftablesFixtures;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.FirewallState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Let a bridge's traffic through" where Docker 29's nftables tables drop (golden docker29-nftables-fwmark): with
 * daemon.json's bridge-accept-fwmark the plan marks the bridge's packets in Virtwire's own table, saved in
 * /etc/nftables.conf's block where that file is, and undo takes exactly that away; without it, nothing is planned
 * and the refusal says what to add to daemon.json.
 */
class DockerMarkTest {
    private static final String DEBIAN_CONF = "#!/usr/sbin/nft -f\n\nflush ruleset\n\ntable inet filter {\n"
            + "\tchain forward {\n\t\ttype filter hook forward priority filter;\n\t}\n}\n";

    @TempDir
    Path state;

    @Test
    void theMarkGoesIntoVirtwiresOwnTableBeforeDockersChainAndUndoTakesItAway() {
        FirewallState before = DockerNftablesFixtures.firewall("docker29-nftables-fwmark", true);
        SimulatedHost host = host(before);
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertEquals(List.of("nft add table inet virtwire",
                    "nft add chain inet virtwire docker-accept-mark '{' type filter hook forward priority -1 ';' policy "
                            + "accept ';' '}'",
                    "nft add rule inet virtwire docker-accept-mark iifname virbr0 meta mark set meta mark and 0xfffffffe "
                            + "or 0x1 comment '\"virtwire:docker-mark:virbr0\"'"), plan.commands());
            String step = plan.operations().get(0).describe();
            assertTrue(step.contains("bridge-accept-fwmark 0x1/0x1") && step.contains("no DOCKER-USER")
                    && step.contains("not saved: gone after reboot"), step);
            changes.apply(plan);
            assertTrue(DockerAcceptMark.marks(host.snapshot().firewall(), "virbr0"));
            assertTrue(host.snapshot().firewall().chain(DockerAcceptMark.TABLE, DockerAcceptMark.CHAIN).isPresent());

            Plan remove = changes.plan(new FirewallIntent.RemoveBridgeAccept("virbr0"));
            assertEquals(List.of("nft -a list chain inet virtwire docker-accept-mark",
                    "nft delete rule inet virtwire docker-accept-mark handle '<handle of \"virtwire:docker-mark:virbr0\">'",
                    "nft delete chain inet virtwire docker-accept-mark", "nft delete table inet virtwire"),
                    remove.commands());
            changes.undo();
            assertEquals(before.rules(), host.snapshot().firewall().rules());
            assertEquals(before.chains(), host.snapshot().firewall().chains());
        }
    }

    @Test
    void whereNftablesConfIsTheMarkIsSavedInVirtwiresBlockAndUndoWritesTheFileBack() {
        SimulatedHost host = host(DockerNftablesFixtures.firewall("docker29-nftables-fwmark", true)
                .withNftablesConf(DEBIAN_CONF));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
            assertFalse(plan.operations().get(0).describe().contains("gone after reboot"));
            String saving = plan.operations().get(plan.operations().size() - 1).describe();
            assertTrue(saving.startsWith("Save virbr0's mark for Docker's bridge-accept-fwmark in /etc/nftables.conf"),
                    "what it saves is the mark, not an accept: " + saving);
            changes.apply(plan);
            String unsaving = changes.plan(new FirewallIntent.RemoveBridgeAccept("virbr0")).operations().get(0)
                    .describe();
            assertTrue(unsaving.startsWith("Stop saving virbr0's mark for Docker's bridge-accept-fwmark"), unsaving);
            String conf = host.snapshot().firewall().nftablesConf().orElseThrow();
            assertTrue(conf.startsWith(DEBIAN_CONF), conf);
            assertTrue(conf.endsWith("# virtwire: begin (rules Virtwire saved; it changes nothing outside this block)\n"
                    + "add table inet virtwire\n"
                    + "add chain inet virtwire docker-accept-mark { type filter hook forward priority -1 ; policy accept "
                    + "; }\n"
                    + "add rule inet virtwire docker-accept-mark iifname virbr0 meta mark set meta mark and 0xfffffffe or "
                    + "0x1 comment \"virtwire:docker-mark:virbr0\"\n# virtwire: end\n"), conf);
            changes.undo();
            assertEquals(DEBIAN_CONF, host.snapshot().firewall().nftablesConf().orElseThrow());
            assertFalse(DockerAcceptMark.marks(host.snapshot().firewall(), "virbr0"));
        }
    }

    @Test
    void withoutTheMarkInDaemonJsonNothingIsPlannedAndTheRefusalSaysWhatToAdd() {
        SimulatedHost host = host(DockerNftablesFixtures.firewall("docker29-nftables-fwmark", false));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            ChangeRefused refused = assertThrows(ChangeRefused.class,
                    () -> changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0")));
            assertTrue(refused.getMessage().contains("add \"bridge-accept-fwmark\": \"0x1/0x1\" to "
                    + "/etc/docker/daemon.json") && refused.getMessage().contains("restart Docker")
                    && refused.getMessage().contains("no DOCKER-USER chain"), refused.getMessage());
        }
    }

    @Test
    void aSecondBridgeSharesTheChainAndRemovingItLeavesTheFirstsMark() {
        SimulatedHost host = host(DockerNftablesFixtures.firewall("docker29-nftables-marked", true));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            assertEquals(List.of("virbr0"), DockerAcceptMark.bridges(host.snapshot().firewall()),
                    "read back from nft's listing");
            changes.apply(changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr1")));
            Plan remove = changes.plan(new FirewallIntent.RemoveBridgeAccept("virbr1"));
            assertEquals(2, remove.commands().size(), "the chain stays for virbr0: " + remove.commands());
            changes.apply(remove);
            assertEquals(List.of("virbr0"), DockerAcceptMark.bridges(host.snapshot().firewall()));
            Plan removeFirst = changes.plan(new FirewallIntent.RemoveBridgeAccept("virbr0"));
            assertTrue(removeFirst.operations().get(0).describe().contains("0x1/0x1"), "mark read back from nft's "
                    + "\"mark | 1\": " + removeFirst.operations().get(0).describe());
        }
    }

    @Test
    void besideLibvirtsIptablesRulesOnlyTheMarkIsPlannedWhereForwardAcceptsByPolicy() {
        FirewallState nft = DockerNftablesFixtures.firewall("docker29-nftables-fwmark", true);
        java.util.Map<String, String> policies = new java.util.HashMap<>(nft.policies());
        policies.put("filter/FORWARD", "ACCEPT");
        FirewallState iptables = new FirewallState(dev.virtwire.model.FirewallBackend.IPTABLES_NFT, policies,
                nft.rules(), nft.chains(), nft.managers(), nft.nftablesConf(), nft.rulesV4(), nft.ipv6(), nft.docker(),
                nft.firewalld());
        try (Changes changes = new Changes(host(iptables), RoundTripTest.SIM, state)) {
            List<String> commands = changes.plan(new FirewallIntent.AcceptBridgeTraffic("virbr0")).commands();
            assertEquals(3, commands.size(), commands::toString);
            assertTrue(commands.stream().allMatch(c -> c.startsWith("nft add ")), commands::toString);
        }
    }

    private static SimulatedHost host(FirewallState firewall) {
        return new SimulatedHost(SimulatedHost.demo().snapshot().withFirewall(firewall));
    }
}
