package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.PortForwardOp;
import dev.virtwire.change.op.RulesV4Op;
import dev.virtwire.host.RulesV4Blocks;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.PortForward;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port forwards on an iptables host with iptables-persistent: saved in /etc/iptables/rules.v4's blocks when
 * the file holds libvirt's FORWARD jump, taken out on removal, and the file given back byte for byte on undo;
 * otherwise the plan says the forward is gone after a reboot.
 */
class PortForwardSavedTest {
    private static final String RULES_V4 = "*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n*filter\n:FORWARD ACCEPT [0:0]\n"
            + ":LIBVIRT_FWI - [0:0]\n-A FORWARD -j LIBVIRT_FWI\nCOMMIT\n";
    private static final FirewallIntent.AddPortForward ADD = new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80);
    private static final PortForward WEB = new PortForward("tcp", 8080, "192.168.122.10", 80);

    @TempDir
    Path state;

    @Test
    void theForwardIsSavedInRulesV4RemovedFromItAndUndoGivesTheFileBack() {
        SimulatedHost host = host(RULES_V4);
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(ADD);
            assertEquals(List.of(PortForwardOp.class, RulesV4Op.class),
                    plan.operations().stream().map(Object::getClass).toList(), plan.commands().toString());
            assertTrue(plan.commands().contains("iptables -w -t filter -I FORWARD -d 192.168.122.10/32 -o virbr0 -p "
                    + "tcp --dport 80 -m conntrack --ctstate DNAT -m comment --comment "
                    + "virtwire:fwd:tcp:8080:192.168.122.10:80 -j ACCEPT"), plan.commands().toString());
            assertTrue(plan.commands().contains("mv -f /etc/iptables/.rules.v4.virtwire-new /etc/iptables/rules.v4"),
                    plan.commands().toString());
            assertTrue(plan.operations().get(1).describe().contains("there after a reboot"),
                    plan.operations().get(1).describe());
            changes.apply(plan);
            assertTrue(RulesV4Blocks.saves(host.snapshot().firewall().rulesV4().orElseThrow(), WEB));

            Plan remove = changes.plan(new FirewallIntent.RemovePortForward("tcp", 8080, "192.168.122.10", 80));
            assertEquals(List.of(RulesV4Op.class, PortForwardOp.class),
                    remove.operations().stream().map(Object::getClass).toList(), remove.commands().toString());
            assertTrue(remove.commands().contains("iptables -w -t filter -D FORWARD -d 192.168.122.10/32 -o virbr0 "
                    + "-p tcp --dport 80 -m conntrack --ctstate DNAT -m comment --comment "
                    + "virtwire:fwd:tcp:8080:192.168.122.10:80 -j ACCEPT"), remove.commands().toString());

            changes.undo();
            assertEquals(Optional.of(RULES_V4), host.snapshot().firewall().rulesV4(), "byte for byte");
            assertEquals(List.of(), PortForward.in(host.snapshot().firewall()));
        }
    }

    @Test
    void withoutLibvirtsJumpInTheFileThePlanSaysTheForwardIsGoneAfterAReboot() {
        SimulatedHost host = host(RULES_V4.replace("-A FORWARD -j LIBVIRT_FWI\n", ""));
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(ADD);
            assertEquals(List.of(PortForwardOp.class), plan.operations().stream().map(Object::getClass).toList());
            assertTrue(plan.operations().get(0).describe().endsWith("(not saved: gone after reboot)"),
                    plan.operations().get(0).describe());
        }
    }

    /** The demo host as an iptables-nft host with iptables-persistent's file. */
    private static SimulatedHost host(String rulesV4) {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        FirewallState fw = demo.firewall();
        return new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.IPTABLES_NFT,
                Map.of("filter/FORWARD", "ACCEPT"), List.of(), List.of(), List.of(), fw.nftablesConf(),
                Optional.of(rulesV4), fw.ipv6())));
    }
}
