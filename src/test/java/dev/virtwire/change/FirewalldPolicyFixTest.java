package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.FirewalldFilesOp;
import dev.virtwire.change.op.FirewalldPolicyRuleOp;
import dev.virtwire.host.firewall.FirewalldPolicyFixture;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldRichRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's firewalld as captured (host/firewalld-policy): virbr0 in the trusted zone, the policy
 * guests-out (trusted to ANY, target REJECT) stops its forwarded traffic. Letting virbr0 through adds an accept
 * rich rule for its subnet to that policy (run time and --permanent) instead of moving the bridge to another zone;
 * the policy's file is kept first, and undo takes the rule out and leaves /etc/firewalld as it was.
 */
class FirewalldPolicyFixTest {
    private static final String RULE = "rule family=\"ipv4\" source address=\"192.168.122.0/24\" accept";
    private static final String POLICY_FILE = "/etc/firewalld/policies/guests-out.xml";
    private static final FirewallIntent.AcceptBridgeTraffic LET_THROUGH = new FirewallIntent.AcceptBridgeTraffic("virbr0");

    @TempDir
    Path state;

    @Test
    void theAcceptIsARichRuleInThePolicyAndUndoLeavesItsFileAsItWas() {
        FirewallState captured = FirewalldPolicyFixture.state("rejects");
        SimulatedHost sim = new SimulatedHost(SimulatedHost.demo().snapshot().withFirewall(captured));
        FirewalldFilesTest.FilesHost host = new FirewalldFilesTest.FilesHost(sim);
        host.files.put(POLICY_FILE, new ConfigFile(POLICY_FILE, "<policy target=\"REJECT\"/>\n", "644", "root", "root"));
        Map<String, ConfigFile> before = new TreeMap<>(host.files);
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(LET_THROUGH);
            assertEquals(List.of(FirewalldFilesOp.class, FirewalldPolicyRuleOp.class),
                    plan.operations().stream().map(Object::getClass).toList(), plan.commands()::toString);
            FirewalldFilesOp kept = (FirewalldFilesOp) plan.operations().get(0);
            assertEquals(List.of(POLICY_FILE, POLICY_FILE + ".old"),
                    kept.kept().stream().map(FirewalldFilesOp.Kept::path).toList());
            assertTrue(kept.listed().contains("--policy=guests-out, --list-all"), kept.listed());
            List<String> shown = plan.commands();
            assertEquals(List.of("firewall-cmd --policy=guests-out '--add-rich-rule=" + RULE + "'",
                    "firewall-cmd --permanent --policy=guests-out '--add-rich-rule=" + RULE + "'"),
                    shown.subList(shown.size() - 2, shown.size()), "the exact commands, as a shell takes them");
            assertTrue(shown.stream().noneMatch(c -> c.contains("--add-interface")), "the bridge stays in its zone");

            changes.apply(plan);
            assertTrue(host.snapshot().firewall().firewalld().orElseThrow().policy("guests-out").orElseThrow()
                    .richRules().contains(new FirewalldRichRule(RULE, true, true)));
            host.files.put(POLICY_FILE, new ConfigFile(POLICY_FILE, "<policy target=\"REJECT\"><rule/></policy>\n",
                    "644", "root", "root"));
            host.files.put(POLICY_FILE + ".old", before.get(POLICY_FILE));
            assertThrows(ChangeRefused.class, () -> changes.plan(LET_THROUGH), "not twice");

            changes.undo();
            assertEquals(captured.firewalld(), host.snapshot().firewall().firewalld(), "the policy as it was");
            assertEquals(captured.rules(), host.snapshot().firewall().rules());
            assertEquals(before, host.files, "the policy's file as it was, firewalld's .old copy gone");
        }
    }

    @Test
    void aBridgeWithoutAnAddressIsRefusedSayingWhatToDo() {
        FirewallState captured = FirewalldPolicyFixture.state("rejects");
        SimulatedHost sim = new SimulatedHost(SimulatedHost.demo().snapshot().withFirewall(captured)
                .updateLink("virbr0", l -> l.withAddresses(List.of())));
        try (Changes changes = new Changes(sim, RoundTripTest.SIM, state)) {
            ChangeRefused e = assertThrows(ChangeRefused.class, () -> changes.plan(LET_THROUGH));
            assertTrue(e.getMessage().contains("firewall-cmd --policy=POLICY --add-rich-rule="), e.getMessage());
        }
    }
}
