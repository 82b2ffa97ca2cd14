package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.change.op.ForwardAcceptOp;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.host.kernel.KernelChanges;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.lab.InTheLabsTurn;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Virtwire's nftables writes on the real nft, in a scratch network namespace of its own (root; no lab needed),
 * beside a libvirt 10 style table: the accept goes into the table that drops (not libvirt's, not a table of
 * Virtwire's own), a port forward's DNAT into Virtwire's own table; the reader finds them with their handles,
 * and taking them out leaves {@code nft -j list ruleset} as it was, counters aside.
 */
@Tag("lab")
@InTheLabsTurn
class NftAcceptLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULESET = """
            table inet filter {
              chain forward {
                type filter hook forward priority filter; policy drop;
                ct state established,related counter accept
              }
            }
            table ip libvirt_network {
              chain forward {
                type filter hook forward priority filter; policy accept;
                counter jump guest_output
              }
              chain guest_output {
                ip saddr 192.168.122.0/24 iifname "virbr0" counter accept
                iifname "virbr0" counter reject
              }
              chain guest_input {
                oifname "virbr0" ip daddr 192.168.122.0/24 ct state related,established counter accept
                oifname "virbr0" counter reject
              }
            }
            """;
    private final String namespace = "vwfw-accept-" + ProcessHandle.current().pid();
    private final CommandRunner local = new CommandRunner(new Target.Local());
    private CommandRunner inside;

    /**
     * The namespace's own /etc/nftables.conf, declaring nothing: {@code ip netns exec} binds it over the machine's,
     * so the reader never takes the machine's saved tables for the namespace's (and no plan here would save there).
     */
    private Path ownEtc() {
        return Path.of("/etc/netns", namespace);
    }

    @BeforeEach
    void scratchNamespace() throws IOException {
        Files.createDirectories(ownEtc());
        Files.writeString(ownEtc().resolve("nftables.conf"), "#!/usr/sbin/nft -f\n# a scratch namespace's: no tables\n");
        requireOk(local.run(List.of("ip", "netns", "add", namespace)));
        inside = new CommandRunner(new Target.Netns(namespace));
        requireOk(inside.run(List.of("nft", "-f", "-"), RULESET));
    }

    @AfterEach
    void removeIt() throws IOException {
        local.run(List.of("ip", "netns", "del", namespace));
        Files.deleteIfExists(ownEtc().resolve("nftables.conf"));
        Files.deleteIfExists(ownEtc());
        try (var left = Files.list(ownEtc().getParent())) {
            if (left.findAny().isEmpty()) {
                Files.delete(ownEtc().getParent());
            }
        }
    }

    @Test
    void acceptGoesIntoTheDroppingTableAndUndoLeavesTheRulesetAsItWas() throws Exception {
        JsonNode before = rulesetWithoutCounters();
        FirewallState read = new FirewallReader(inside, ForkJoinPool.commonPool()).read().state();
        assertEquals(FirewallBackend.NFTABLES, read.backend());
        var snapshot = SimulatedHost.demo().snapshot().withFirewall(read);
        Plan plan = new AcceptPlanner(snapshot, SimulatedHost.demo()).add(new FirewallIntent.AcceptBridgeTraffic("virbr0"));
        assertEquals(1, plan.operations().size(), plan.commands().toString());
        ForwardAcceptOp op = (ForwardAcceptOp) plan.operations().get(0);
        assertEquals("inet filter", op.accept().table());
        KernelChanges kernel = new KernelChanges(inside, Privilege.none());
        kernel.setForwardAccept(FirewallBackend.NFTABLES, op.accept(), true);

        FirewallState after = new FirewallReader(inside, ForkJoinPool.commonPool()).read().state();
        List<FirewallRule> ours = after.rules().stream()
                .filter(r -> r.comment().filter("virtwire:accept:virbr0"::equals).isPresent()).toList();
        assertEquals(2, ours.size(), after.rules().toString());
        assertTrue(ours.stream().allMatch(r -> r.table().equals("inet filter") && r.chain().equals("forward")
                && r.handle().isPresent()), ours.toString());
        assertEquals(ours.get(0).inInterface().orElse(""), "virbr0", "the accept of what comes in is first");

        kernel.setForwardAccept(FirewallBackend.NFTABLES, op.accept(), false);
        assertEquals(before, rulesetWithoutCounters());
    }

    @Test
    void aPortForwardAndItsUndoLeaveTheRulesetAsItWas() throws Exception {
        JsonNode before = rulesetWithoutCounters();
        FirewallState read = new FirewallReader(inside, ForkJoinPool.commonPool()).read().state();
        var snapshot = SimulatedHost.demo().snapshot().withFirewall(read);
        Plan plan = new ForwardPlanner(snapshot, SimulatedHost.demo()).add(new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80));
        var op = (dev.virtwire.change.op.PortForwardOp) plan.operations().get(0);
        assertTrue(op.aloneInOwnTable(), "no table of Virtwire's yet: the forward makes it");
        KernelChanges kernel = new KernelChanges(inside, Privilege.none());
        kernel.setPortForward(FirewallBackend.NFTABLES, op.forward(), op.bridge(), true);
        FirewallState after = new FirewallReader(inside, ForkJoinPool.commonPool()).read().state();
        assertEquals(List.of(op.forward()), dev.virtwire.model.PortForward.in(after));
        assertTrue(after.rules().stream().anyMatch(r -> r.table().equals("ip virtwire") && r.verdict().equals("DNAT")
                && r.handle().isPresent()), after.rules().toString());
        assertTrue(op.inverse().preview().contains("nft delete table ip virtwire"), op.inverse().preview().toString());
        kernel.setPortForward(FirewallBackend.NFTABLES, op.forward(), op.bridge(), false);
        assertEquals(before, rulesetWithoutCounters());
    }

    private JsonNode rulesetWithoutCounters() throws Exception {
        JsonNode tree = JSON.readTree(inside.output(List.of("nft", "-j", "list", "ruleset")));
        tree.path("nftables").forEach(item -> item.path("rule").path("expr").forEach(e -> {
            if (e.has("counter")) {
                ((ObjectNode) e).putObject("counter");
            }
        }));
        return tree;
    }

    private static void requireOk(dev.virtwire.host.exec.CommandResult r) {
        assertTrue(r.ok(), r.commandLine() + ": " + r.stderr());
    }
}
