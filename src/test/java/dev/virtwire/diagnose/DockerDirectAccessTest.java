package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Golden;
import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * web1 (on virbr0) opening a connection to a container's address (172.17.0.2 behind docker0, publishing tcp
 * 8080 -> 80) directly: Docker's raw prerouting drop of its address from outside docker0 is named with its
 * table, chain and rule, first, with what to do instead (the published port at the host's address), no fix. The
 * golden cases are Docker's documented layouts loaded into the real iptables-restore and nft (their ABOUT.md).
 */
class DockerDirectAccessTest {
    private static final Path FIREWALL = Golden.cases("firewall").get(0).getParent();
    private final Troubleshooter troubleshooter = new Troubleshooter();

    @Test
    void dockersIptablesRawDropIsNamedFirstWithThePublishedPortInstead() {
        Finding f = first(host(iptables("docker-direct-iptables-nft")));
        assertEquals("docker-direct-access-drop", f.id());
        assertTrue(f.title().contains("Docker drops what web1 sends to the container address 172.17.0.2 directly")
                && f.title().contains("iptables' raw table, chain PREROUTING"), f.title());
        assertTrue(f.evidence().contains("raw/PREROUTING: PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP "
                + "(counted 4 packets)"), f.evidence()::toString);
        assertEquals(Optional.empty(), f.fix(), "Virtwire does not edit Docker's rules");
        assertTrue(f.steps().get(0).contains("tcp 192.168.122.1:8080 -> 172.17.0.2:80"), f.steps()::toString);
    }

    @Test
    void docker29sNftablesDropDirectAccessIsNamedWithItsHandle() {
        Finding f = first(host(nftables("docker29-nftables-direct")));
        assertEquals("docker-direct-access-drop", f.id());
        assertTrue(f.title().contains("Docker's nftables table ip docker-bridges, chain raw-PREROUTING"), f.title());
        assertTrue(f.evidence().contains("ip docker-bridges/raw-PREROUTING handle 22: ip daddr 172.17.0.2 iifname != "
                + "\"docker0\" counter drop comment \"DROP DIRECT ACCESS\" (counted 0 packets)"), f.evidence()::toString);
        assertTrue(f.steps().get(0).contains("tcp 192.168.122.1:8080 -> 172.17.0.2:80"), f.steps()::toString);
    }

    @Test
    void theInternetAndTheHostsOwnAddressAreNotDockersBusiness() {
        for (FirewallState fw : List.of(iptables("docker-direct-iptables-nft"), nftables("docker29-nftables-direct"))) {
            for (String target : List.of("internet", "192.168.122.1")) {
                Diagnosis d = troubleshooter.diagnose(host(fw), "web1", Optional.empty(), Destination.parse(target));
                assertTrue(d.finding("docker-direct-access-drop").isEmpty(), target + ": " + d.findings());
            }
        }
    }

    private Finding first(HostSnapshot host) {
        Diagnosis d = troubleshooter.diagnose(host, "web1", Optional.empty(), Destination.parse("172.17.0.2"));
        assertTrue(!d.findings().isEmpty(), "no finding");
        return d.findings().get(0);
    }

    private static FirewallState iptables(String golden) {
        Path dir = FIREWALL.resolve(golden);
        return FirewallReader.combine(Golden.readIfPresent(dir.resolve("iptables-version.txt")),
                Golden.readIfPresent(dir.resolve("iptables-save.txt")), Golden.readIfPresent(dir.resolve("nft.json")),
                true);
    }

    private static FirewallState nftables(String golden) {
        return FirewallReader.combine(Optional.empty(), Optional.empty(),
                Golden.readIfPresent(FIREWALL.resolve(golden).resolve("nft.json")), false);
    }

    /** The demo host with Docker's default bridge and this firewall. */
    private static HostSnapshot host(FirewallState firewall) {
        HostSnapshot demo = DemoEdits.demo();
        Link docker0 = new Link("docker0", LinkKind.BRIDGE, Optional.of("02:42:ac:11:00:01"), OptionalInt.of(1500),
                LinkState.UP, true, Optional.empty(), Optional.empty(), List.of("172.17.0.1/16"), OptionalInt.empty());
        return demo.withLinks(Stream.concat(demo.links().stream(), Stream.of(docker0)).toList()).withFirewall(firewall);
    }
}
