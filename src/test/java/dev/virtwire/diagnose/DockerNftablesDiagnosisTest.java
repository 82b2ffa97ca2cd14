package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.FirewallIntent;
import dev.virtwire.host.firewall.DockerNftablesFixtures;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkState;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * web1 (on virbr0) talking to a container behind docker0, on a host whose Docker 29 runs its nftables backend
 * (golden docker29-nftables-fwmark: Docker's documented layout, loaded into the real nft): forward-policy-drop names
 * Docker's table, chain and handle and says there is no DOCKER-USER; its fix is the mark where daemon.json sets
 * one, and the finding says what to add to daemon.json where it does not.
 */
class DockerNftablesDiagnosisTest {
    private final Troubleshooter troubleshooter = new Troubleshooter();

    @Test
    void dockersDropIsNamedAndTheFixIsTheMark() {
        Finding f = finding(host(DockerNftablesFixtures.firewall("docker29-nftables-fwmark", true)));
        assertTrue(f.title().contains("Docker's nftables table ip docker-bridges, chain filter-forward-in__docker0")
                && f.title().contains("no DOCKER-USER chain"), f.title());
        assertTrue(f.evidence().contains("ip docker-bridges/filter-forward-in__docker0 handle 24: counter drop comment "
                + "\"UNPUBLISHED PORT DROP\" (counted 0 packets)"), f.evidence()::toString);
        assertEquals(Optional.of(Fix.of(new FirewallIntent.AcceptBridgeTraffic("virbr0"))), f.fix());
        assertTrue(f.steps().get(0).contains("\"bridge-accept-fwmark\": \"0x1/0x1\"")
                && f.steps().get(0).contains("inet virtwire"), f.steps()::toString);
    }

    @Test
    void withoutTheMarkTheFindingSaysWhatToAddAndOffersNoFix() {
        Finding f = finding(host(DockerNftablesFixtures.firewall("docker29-nftables-fwmark", false)));
        assertEquals(Optional.empty(), f.fix());
        assertTrue(f.steps().get(0).contains("add \"bridge-accept-fwmark\": \"0x1/0x1\" to /etc/docker/daemon.json")
                && f.steps().get(0).contains("restart Docker"), f.steps()::toString);
        assertTrue(f.steps().get(1).contains("neither edits daemon.json nor restarts Docker"), f.steps()::toString);
    }

    @Test
    void onceMarkedNothingDropsAndTheUplinkWasNeverDockersBusiness() {
        HostSnapshot marked = host(DockerNftablesFixtures.firewall("docker29-nftables-marked", true));
        assertTrue(diagnose(marked, "172.17.0.2").finding("forward-policy-drop").isEmpty());
        HostSnapshot unmarked = host(DockerNftablesFixtures.firewall("docker29-nftables-fwmark", true));
        assertTrue(diagnose(unmarked, "internet").finding("forward-policy-drop").isEmpty(),
                "Docker's table drops only what goes into its bridges");
    }

    private Finding finding(HostSnapshot host) {
        Diagnosis d = diagnose(host, "172.17.0.2");
        return d.finding("forward-policy-drop").orElseThrow(() -> new AssertionError(d.findings().toString()));
    }

    private Diagnosis diagnose(HostSnapshot host, String target) {
        return troubleshooter.diagnose(host, "web1", Optional.empty(), Destination.parse(target));
    }

    /** The demo host with Docker's default bridge and this firewall. */
    private static HostSnapshot host(FirewallState firewall) {
        HostSnapshot demo = DemoEdits.demo();
        Link docker0 = new Link("docker0", LinkKind.BRIDGE, Optional.of("02:42:ac:11:00:01"), OptionalInt.of(1500),
                LinkState.UP, true, Optional.empty(), Optional.empty(), List.of("172.17.0.1/16"), OptionalInt.empty());
        return demo.withLinks(Stream.concat(demo.links().stream(), Stream.of(docker0)).toList()).withFirewall(firewall);
    }
}
