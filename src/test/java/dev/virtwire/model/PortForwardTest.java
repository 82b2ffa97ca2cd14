package dev.virtwire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortForwardTest {
    private static final PortForward WEB = new PortForward("tcp", 8080, "192.168.122.10", 80);
    private static final PortForward SSH = new PortForward("tcp", 2222, "192.168.122.11", 22);

    @Test
    void allListsVirtwiresRulesAndFirewalldsForwardPortsEachOnce() {
        FirewallRule ownDnat = new FirewallRule("ip virtwire", "prerouting", "DNAT", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(WEB.comment()), "tcp dport 8080 dnat to 192.168.122.10:80");
        FirewallState firewall = FirewallState.unknown().withRules(List.of(ownDnat,
                FirewalldForwardPorts.rule(SSH, "public"), FirewalldForwardPorts.rule(WEB, "public")));
        assertEquals(List.of(WEB), PortForward.in(firewall), "Virtwire's own rules only");
        assertEquals(List.of(WEB, SSH), PortForward.all(firewall));
    }
}
