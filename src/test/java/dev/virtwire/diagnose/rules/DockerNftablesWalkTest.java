package dev.virtwire.diagnose.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.firewall.DockerNftablesFixtures;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.Ipv4;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Docker 29's nftables tables (golden, from Docker's documented layout): its filter-FORWARD dispatches by verdict
 * map to docker0's chain, which drops what is not published; a guest's packet into docker0 ends there unless
 * Virtwire's own chain gave it Docker's accept mark first. What leaves by the uplink Docker does not touch.
 */
class DockerNftablesWalkTest {
    private static final Packet INTO_DOCKER0 = Packet.ipv4("virbr0", Optional.of("docker0"),
            Optional.of(Ipv4.parse("192.168.122.10")), Optional.of(Ipv4.parse("172.17.0.2")));
    private static final Packet TO_INTERNET = Packet.ipv4("virbr0", Optional.of("eth0"),
            Optional.of(Ipv4.parse("192.168.122.10")), Optional.of(Ipv4.parse("203.0.113.1")));

    @Test
    void dockersChainDropsTheGuestsPacketIntoItsBridge() {
        FirewallState fw = DockerNftablesFixtures.firewall("docker29-nftables-fwmark", true);
        FirewallWalk.Outcome outcome = new FirewallWalk(fw).walk("ip docker-bridges", "filter-FORWARD", INTO_DOCKER0);
        assertEquals("DROP", outcome.verdict());
        assertEquals("ip docker-bridges/filter-forward-in__docker0 handle 24: counter drop comment \"UNPUBLISHED PORT "
                + "DROP\" (counted 0 packets)", outcome.evidence("ip docker-bridges", Optional.empty()));
    }

    @Test
    void dockersMarkAcceptMatchesOnlyWhatVirtwiresChainMarked() {
        FirewallState marked = DockerNftablesFixtures.firewall("docker29-nftables-marked", true);
        FirewallWalk.Outcome outcome = new FirewallWalk(marked).walk("ip docker-bridges", "filter-FORWARD",
                INTO_DOCKER0);
        assertTrue(outcome.passes(), outcome::toString);
        assertEquals(Optional.of("ALLOW FW MARK"), outcome.rule().flatMap(r -> r.comment()));
        Packet fromElsewhere = Packet.ipv4("virbr1", Optional.of("docker0"), Optional.of(Ipv4.parse("10.0.0.2")),
                Optional.of(Ipv4.parse("172.17.0.2")));
        assertEquals("DROP", new FirewallWalk(marked).walk("ip docker-bridges", "filter-FORWARD", fromElsewhere)
                .verdict(), "virbr1 is not marked");
    }

    @Test
    void whatLeavesByTheUplinkPassesDockersTable() {
        FirewallState fw = DockerNftablesFixtures.firewall("docker29-nftables-fwmark", true);
        assertTrue(new FirewallWalk(fw).walk("ip docker-bridges", "filter-FORWARD", TO_INTERNET).passes());
    }
}
