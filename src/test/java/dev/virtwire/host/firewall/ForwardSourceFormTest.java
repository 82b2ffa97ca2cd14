package dev.virtwire.host.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.host.Golden;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.PortForwardAccept;
import dev.virtwire.model.json.TopologyJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A port forward's source is one form on every firewall: one host as a plain address, a network as CIDR. The
 * readers are given what the real tools printed for the same two forwards (the golden cases forward-from-*, from
 * one host, 10.77.0.5, and from a network, 10.77.0.0/24): iptables-save writes the host {@code -s 10.77.0.5/32},
 * nft {@code ip saddr 10.77.0.5}.
 */
class ForwardSourceFormTest {
    private static final Path CASES = Golden.RESOURCES.resolve("firewall");

    private static FirewallState read(String folder) {
        Path dir = CASES.resolve(folder);
        Optional<String> version = Golden.readIfPresent(dir.resolve("iptables-version.txt"));
        return FirewallReader.combine(version, Golden.readIfPresent(dir.resolve("iptables-save.txt")),
                Golden.readIfPresent(dir.resolve("nft.json")), version.map(v -> v.contains("nf_tables")).orElse(false),
                Optional.empty(), Optional.empty());
    }

    /** Each forward of Virtwire's rules (or firewalld's) with its source, as "tcp 8081 -> 10.10.0.50:80 from X". */
    private static List<String> forwardsWithSources(FirewallState fw) {
        return PortForward.all(fw).stream().map(f -> f.describe() + " from " + PortForward.sourceOf(fw, f)).toList();
    }

    /** The sources of the rules carrying a forward's comment, as the topology JSON lists them. */
    private static List<String> jsonSourcesOfForwardRules(FirewallState fw) {
        JsonNode rules = TopologyJson.toJson(Golden.emptySnapshot().withFirewall(fw)).path("firewall").path("rules");
        List<String> out = new ArrayList<>();
        rules.forEach(r -> {
            if (r.path("comment").asText("").startsWith(PortForward.COMMENT_PREFIX) || r.path("table").asText()
                    .equals("inet firewalld") && r.path("verdict").asText().equals("DNAT")) {
                out.add(r.path("source").asText());
            }
        });
        return out;
    }

    @Test
    void iptablesSavesSlash32IsReadAsThePlainAddress() {
        FirewallState fw = read("forward-from-iptables-nft");
        assertEquals(List.of("tcp 8443 -> 10.10.0.50:443 from 10.77.0.0/24",
                        "tcp 8081 -> 10.10.0.50:80 from 10.77.0.5"),
                forwardsWithSources(fw));
        // the accepts (inserted at FORWARD's head, newest first), then the DNATs
        assertEquals(List.of("10.77.0.0/24", "10.77.0.5", "10.77.0.5", "10.77.0.0/24"), jsonSourcesOfForwardRules(fw));
        FirewallRule accept = fw.rules().stream().filter(r -> r.comment().filter(c -> c.contains(":8081:")).isPresent()
                && r.verdict().equals("ACCEPT")).findFirst().orElseThrow();
        assertEquals(Optional.of("10.10.0.50"), accept.destination(), "a destination host is plain too");
        assertTrue(accept.text().contains("-s 10.77.0.5/32 -d 10.10.0.50/32"), "the text stays the tool's: "
                + accept.text());
    }

    @Test
    void nftablesListsThePlainAddressAndItStaysSo() {
        FirewallState fw = read("forward-from-nftables");
        assertEquals(List.of("tcp 8443 -> 192.168.122.10:443 from 10.77.0.0/24",
                "tcp 8081 -> 192.168.122.10:80 from 10.77.0.5"), forwardsWithSources(fw));
        // libvirt's guest_input accepts (inserted, newest first), then Virtwire's DNATs
        assertEquals(List.of("10.77.0.0/24", "10.77.0.5", "10.77.0.5", "10.77.0.0/24"), jsonSourcesOfForwardRules(fw));
        // inet filter's accepts: the source in, and as the destination of the replies
        assertEquals(List.of("10.77.0.0/24", "10.77.0.5"), PortForwardAccept.in(fw).stream()
                .map(PortForwardAccept::from).toList());
    }

    @Test
    void aUfwHostsForwardIsIptablesRulesWithThePlainSource() {
        FirewallState fw = read("forward-from-ufw-iptables-nft");
        assertEquals(List.of("tcp 8081 -> 192.168.122.10:80 from 10.77.0.5"), forwardsWithSources(fw));
        assertEquals(List.of("10.77.0.5", "10.77.0.5"), jsonSourcesOfForwardRules(fw));
    }

    @Test
    void firewalldsRichRuleForwardPortsHaveThePlainSourceThoughGivenWithSlash32() {
        FirewallState fw = read("forward-from-firewalld");
        assertEquals(List.of("10.77.0.5", "10.77.0.0/24"), FirewalldForwardPorts.in(fw).stream()
                .map(FirewalldForwardPorts.Found::from).toList());
        assertEquals(List.of("tcp 8081 -> 192.168.122.10:80 from 10.77.0.5",
                "tcp 8443 -> 192.168.122.10:443 from 10.77.0.0/24"), forwardsWithSources(fw));
        assertEquals(List.of("10.77.0.5", "10.77.0.0/24"), jsonSourcesOfForwardRules(fw));
    }

    @Test
    void ip6tablesSlash128IsThePlainAddressAndNetworksSetsAndNamesStayAsGiven() {
        FirewallRule six = IptablesSave.rule("filter", "-A FORWARD -s fd00:77::5/128 -d fd00:77:1::/64 -j ACCEPT")
                .orElseThrow();
        assertEquals(Optional.of("fd00:77::5"), six.source());
        assertEquals(Optional.of("fd00:77:1::/64"), six.destination());
        assertEquals("10.77.0.0/24", FirewallRule.address("10.77.0.0/24"));
        assertEquals("0.0.0.0/0", FirewallRule.address("0.0.0.0/0"));
        assertEquals("{ 10.0.0.1, 10.0.0.2 }", FirewallRule.address("{ 10.0.0.1, 10.0.0.2 }"));
        assertEquals("notanaddress/32", FirewallRule.address("notanaddress/32"));
    }
}
