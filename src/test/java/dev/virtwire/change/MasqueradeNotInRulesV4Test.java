package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NAT network's masquerade missing on an iptables host with iptables-persistent: its fix restarts the network, and
 * libvirt makes the masquerade again at run time only. Where /etc/iptables/rules.v4 (which netfilter-persistent reload
 * loads, replacing the running nat table) lacks it too, the finding and the restart's plan say it is gone after that
 * reload; where the file holds libvirt's masquerade, the plan says nothing of it.
 */
class MasqueradeNotInRulesV4Test {
    private static final String WITHOUT = "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
            + ":LIBVIRT_PRT - [0:0]\n-A POSTROUTING -j LIBVIRT_PRT\n"
            + "-A LIBVIRT_PRT -s 192.168.122.0/24 -d 224.0.0.0/24 -j RETURN\nCOMMIT\n"
            + "*filter\n:FORWARD ACCEPT [0:0]\n:LIBVIRT_FWI - [0:0]\n-A FORWARD -j LIBVIRT_FWI\nCOMMIT\n";
    private static final String WITH = WITHOUT.replace("COMMIT\n*filter", "-A LIBVIRT_PRT -s 192.168.122.0/24 ! -d "
            + "192.168.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535\nCOMMIT\n*filter");
    private static final String SAID = "/etc/iptables/rules.v4 holds no masquerade for 192.168.122.0/24: gone after "
            + "netfilter-persistent reload";

    @TempDir
    Path state;

    @Test
    void whereRulesV4LacksTheMasqueradeTheFindingAndTheRestartSayTheReloadTakesItAway() {
        SimulatedHost host = new SimulatedHost(withoutMasquerade(WITHOUT));
        Finding finding = new Troubleshooter().diagnose(host.snapshot(), "web1", Optional.empty(),
                Destination.internet()).finding("nat-masquerade-missing").orElseThrow();
        assertTrue(finding.evidence().stream().anyMatch(l -> l.startsWith(SAID)), finding.evidence()::toString);
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(finding.fix().orElseThrow().intent());
            assertEquals(List.of("Stop network default", "Start network default and re-plug 4 running guest NIC(s) "
                    + "(libvirt makes its rules again; " + SAID + " (which loads that file) until libvirt starts the "
                    + "network again, as at boot; netfilter-persistent save keeps it)"),
                    plan.operations().stream().map(o -> o.describe()).toList());
        }
    }

    @Test
    void whereRulesV4HoldsLibvirtsMasqueradeThePlanSaysNothingOfIt() {
        SimulatedHost host = new SimulatedHost(withoutMasquerade(WITH));
        Finding finding = new Troubleshooter().diagnose(host.snapshot(), "web1", Optional.empty(),
                Destination.internet()).finding("nat-masquerade-missing").orElseThrow();
        assertTrue(finding.evidence().contains("/etc/iptables/rules.v4 (iptables-persistent) holds a masquerade for "
                + "192.168.122.0/24: netfilter-persistent reload would load it again"), finding.evidence()::toString);
        try (Changes changes = new Changes(host, RoundTripTest.SIM, state)) {
            Plan plan = changes.plan(finding.fix().orElseThrow().intent());
            assertFalse(plan.operations().stream().anyMatch(o -> o.describe().contains("rules.v4")),
                    plan.operations().toString());
        }
    }

    /** The demo host on iptables with no rule running (its masquerade lost), and rules.v4 as given. */
    private static HostSnapshot withoutMasquerade(String rulesV4) {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        FirewallState fw = demo.firewall();
        return demo.withFirewall(new FirewallState(FirewallBackend.IPTABLES_NFT, Map.of("filter/FORWARD", "ACCEPT",
                "nat/POSTROUTING", "ACCEPT"), List.of(), List.of(), List.of(), fw.nftablesConf(),
                Optional.of(rulesV4), fw.ipv6()));
    }
}
