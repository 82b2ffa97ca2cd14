package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.NftablesConfOp;
import dev.virtwire.change.op.PortForwardAcceptOp;
import dev.virtwire.change.op.PortForwardOp;
import dev.virtwire.change.op.RulesV4Op;
import dev.virtwire.host.firewall.IptablesSave;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.PortForwardAccept;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forward add --from} where Virtwire writes the forward itself (iptables, nftables): the DNAT and every
 * accept match the source only, the saved files carry it, removal and undo take exactly those rules out and give
 * the files back byte for byte, a source made outside Virtwire is read back, and bad sources are refused first.
 */
class PortForwardFromTest {
    private static final String RULES_V4 = "*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n*filter\n:FORWARD ACCEPT [0:0]\n"
            + ":LIBVIRT_FWI - [0:0]\n-A FORWARD -j LIBVIRT_FWI\nCOMMIT\n";
    private static final String CONF = "#!/usr/sbin/nft -f\nflush ruleset\ntable inet filter {\n  chain forward {\n"
            + "    type filter hook forward priority filter; policy drop;\n  }\n}\n";
    private static final PortForward WEB = new PortForward("tcp", 8080, "192.168.122.10", 80);
    private static final String C = "virtwire:fwd:tcp:8080:192.168.122.10:80";

    @TempDir
    Path state;

    private static FirewallIntent.AddPortForward add(String from) {
        return new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80, "", from);
    }

    private static final FirewallIntent.RemovePortForward REMOVE =
            new FirewallIntent.RemovePortForward("tcp", 8080, "192.168.122.10", 80);

    @Test
    void onIptablesTheDnatAndTheAcceptMatchTheSourceAndRulesV4SavesItUndoGivesTheFileBack() {
        SimulatedHost host = iptablesHost();
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(add("10.77.0.5"));
            assertEquals(List.of(PortForwardOp.class, RulesV4Op.class),
                    plan.operations().stream().map(Object::getClass).toList(), plan.commands().toString());
            assertEquals(List.of("iptables -w -t nat -A PREROUTING -s 10.77.0.5 -p tcp --dport 8080 -m comment "
                            + "--comment " + C + " -j DNAT --to-destination 192.168.122.10:80",
                    "iptables -w -t filter -I FORWARD -s 10.77.0.5 -d 192.168.122.10/32 -o virbr0 -p tcp --dport 80 "
                            + "-m conntrack --ctstate DNAT -m comment --comment " + C + " -j ACCEPT"),
                    plan.commands().subList(0, 2));
            assertTrue(plan.operations().get(0).describe().contains("for connections from 10.77.0.5 only"),
                    plan.operations().get(0).describe());
            changes.apply(plan);
            FirewallState after = host.snapshot().firewall();
            assertEquals("10.77.0.5", PortForward.sourceOf(after, WEB));
            assertTrue(after.rules().stream().filter(r -> r.comment().filter(C::equals).isPresent())
                    .allMatch(r -> r.source().equals(Optional.of("10.77.0.5"))), after.rules().toString());
            String saved = after.rulesV4().orElseThrow();
            assertTrue(saved.contains("-A PREROUTING -s 10.77.0.5 -p tcp --dport 8080 -m comment --comment " + C
                    + " -j DNAT"), saved);
            assertTrue(saved.contains("-A FORWARD -s 10.77.0.5 -d 192.168.122.10/32 -o virbr0"), saved);

            Plan remove = changes.plan(REMOVE);
            assertEquals(List.of(RulesV4Op.class, PortForwardOp.class),
                    remove.operations().stream().map(Object::getClass).toList());
            assertTrue(remove.commands().contains("iptables -w -t nat -D PREROUTING -s 10.77.0.5 -p tcp --dport 8080 "
                    + "-m comment --comment " + C + " -j DNAT --to-destination 192.168.122.10:80"),
                    remove.commands().toString());
            changes.apply(remove);
            assertEquals(Optional.of(RULES_V4), host.snapshot().firewall().rulesV4(), "the lines out, exactly");
            assertEquals(List.of(), PortForward.in(host.snapshot().firewall()));

            changes.undo(); // the removal: back from 10.77.0.5 only, saved again
            assertEquals("10.77.0.5", PortForward.sourceOf(host.snapshot().firewall(), WEB));
            assertEquals(Optional.of(saved), host.snapshot().firewall().rulesV4());
            changes.undo(); // the forward
            assertEquals(Optional.of(RULES_V4), host.snapshot().firewall().rulesV4(), "byte for byte");
            assertEquals(List.of(), PortForward.in(host.snapshot().firewall()));
        }
    }

    @Test
    void onNftablesTheDnatLibvirtsAcceptAndTheDroppingTablesAcceptsMatchTheSourceAndTheConfCarriesIt() {
        SimulatedHost host = nftablesHost();
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(add("10.77.0.0/24"));
            assertEquals(List.of(PortForwardOp.class, PortForwardAcceptOp.class, NftablesConfOp.class),
                    plan.operations().stream().map(Object::getClass).toList(), plan.commands().toString());
            List<String> commands = plan.commands();
            assertTrue(commands.contains("nft add rule ip virtwire prerouting ip saddr 10.77.0.0/24 tcp dport 8080 "
                    + "dnat to 192.168.122.10:80 comment '\"" + C + "\"'"), commands.toString());
            assertTrue(commands.contains("nft insert rule ip libvirt_network guest_input oifname virbr0 ip saddr "
                    + "10.77.0.0/24 ip daddr 192.168.122.10 tcp dport 80 ct status dnat accept comment '\"" + C
                    + "\"'"), commands.toString());
            assertTrue(commands.contains("nft insert rule inet filter forward oifname virbr0 ip saddr 10.77.0.0/24 "
                    + "ip daddr 192.168.122.10 tcp dport 80 ct status dnat accept comment "
                    + "'\"virtwire:fwd-accept:tcp:8080:192.168.122.10:80\"'"), commands.toString());
            assertTrue(commands.contains("nft insert rule inet filter forward iifname virbr0 ip saddr 192.168.122.10 "
                    + "ip daddr 10.77.0.0/24 tcp sport 80 ct status dnat accept comment "
                    + "'\"virtwire:fwd-accept:tcp:8080:192.168.122.10:80\"'"), "the replies to it only: " + commands);
            changes.apply(plan);
            FirewallState after = host.snapshot().firewall();
            assertEquals("10.77.0.0/24", PortForward.sourceOf(after, WEB));
            assertEquals(List.of(new PortForwardAccept(WEB, "virbr0", "inet filter", "forward", "10.77.0.0/24")),
                    PortForwardAccept.in(after));
            String conf = after.nftablesConf().orElseThrow();
            assertTrue(conf.contains("insert rule inet filter forward oifname virbr0 ip saddr 10.77.0.0/24 ip daddr "
                    + "192.168.122.10 tcp dport 80"), conf);
            assertTrue(conf.contains("iifname virbr0 ip saddr 192.168.122.10 ip daddr 10.77.0.0/24 tcp sport 80"), conf);

            Plan remove = changes.plan(REMOVE);
            assertEquals(List.of(NftablesConfOp.class, PortForwardOp.class, PortForwardAcceptOp.class),
                    remove.operations().stream().map(Object::getClass).toList());
            changes.apply(remove);
            assertEquals(Optional.of(CONF), host.snapshot().firewall().nftablesConf());
            assertEquals(List.of(), PortForwardAccept.in(host.snapshot().firewall()));
            changes.undo();
            assertEquals(Optional.of(conf), host.snapshot().firewall().nftablesConf());
            assertEquals(List.of(new PortForwardAccept(WEB, "virbr0", "inet filter", "forward", "10.77.0.0/24")),
                    PortForwardAccept.in(host.snapshot().firewall()));
            changes.undo();
            FirewallState undone = host.snapshot().firewall();
            assertEquals(Optional.of(CONF), undone.nftablesConf(), "byte for byte");
            assertEquals(List.of(), PortForward.in(undone));
            assertEquals(List.of(), PortForwardAccept.in(undone));
        }
    }

    @Test
    void oneHostGivenWithSlash32IsTheSameForwardAsTheBareAddress() {
        for (SimulatedHost host : List.of(iptablesHost(), nftablesHost())) {
            try (Changes changes = new Changes(host, RoundTripTest.SIM, state.resolve(host.snapshot().firewall()
                    .backend().json()))) {
                assertEquals(changes.plan(add("10.77.0.5")).commands(), changes.plan(add("10.77.0.5/32")).commands());
            }
        }
    }

    @Test
    void badSourcesAreRefusedWithWhatIsAllowedAndNothingChanges() {
        for (SimulatedHost host : List.of(iptablesHost(), nftablesHost())) {
            HostSnapshot before = host.snapshot();
            try (Changes changes = new Changes(host, RoundTripTest.SIM, state.resolve(before.firewall().backend()
                    .json()))) {
                Map<String, String> refusals = Map.of(
                        "10.0.0.0/0", "is every address: leave --from out",
                        "10.0.0.5/24", "is not a network's own address: give 10.0.0.0/24 (or 10.0.0.5 for that host",
                        "notanip", "is not an IPv4 address or network to forward from",
                        "2001:db8::5", "is not an IPv4 address or network to forward from");
                refusals.forEach((from, why) -> {
                    ChangeRefused refused = assertThrows(ChangeRefused.class, () -> changes.plan(add(from)), from);
                    assertTrue(refused.getMessage().contains(why), refused.getMessage());
                });
            }
            assertEquals(before.firewall(), host.snapshot().firewall());
        }
    }

    @Test
    void aSourceLimitedForwardMadeOutsideVirtwireIsReadWithItsSource() {
        String save = "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -s 10.77.0.0/24 -p tcp -m tcp --dport 8080 "
                + "-m comment --comment " + C + " -j DNAT --to-destination 192.168.122.10:80\nCOMMIT\n*filter\n"
                + ":FORWARD ACCEPT [0:0]\n-A FORWARD -s 10.77.0.9/32 -d 192.168.122.10/32 -o virbr0 -p tcp -m tcp "
                + "--dport 80 -m conntrack --ctstate DNAT -m comment --comment " + C + " -j ACCEPT\nCOMMIT\n";
        FirewallState fw = new FirewallState(FirewallBackend.IPTABLES_NFT, Map.of(),
                IptablesSave.parse(save).rules(), List.of(), List.of(), Optional.empty());
        assertEquals(List.of(WEB), PortForward.in(fw));
        assertEquals("10.77.0.0/24", PortForward.sourceOf(fw, WEB), "the DNAT's source decides who is forwarded");
        FirewallState plain = new FirewallState(FirewallBackend.IPTABLES_NFT, Map.of(),
                IptablesSave.parse(save.replace("-s 10.77.0.0/24 ", "")).rules(), List.of(), List.of(),
                Optional.empty());
        assertEquals("", PortForward.sourceOf(plain, WEB));
    }

    /** The demo host as an iptables-nft host with iptables-persistent's file. */
    private static SimulatedHost iptablesHost() {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        FirewallState fw = demo.firewall();
        return new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.IPTABLES_NFT,
                Map.of("filter/FORWARD", "ACCEPT"), List.of(), List.of(), List.of(), fw.nftablesConf(),
                Optional.of(RULES_V4), fw.ipv6())));
    }

    /** The demo host on nftables with Debian's inet filter dropping forwards, declared in /etc/nftables.conf. */
    private static SimulatedHost nftablesHost() {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        List<FirewallChain> chains = Stream.concat(demo.firewall().chains().stream(), Stream.of(new FirewallChain(
                "inet filter", "forward", "filter", "forward", 0, "DROP"))).toList();
        Map<String, String> policies = new java.util.HashMap<>(demo.firewall().policies());
        policies.put("inet filter/forward", "DROP");
        List<FirewallRule> rules = demo.firewall().rules();
        return new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.NFTABLES, policies, rules,
                chains, List.of(), Optional.of(CONF))));
    }
}
