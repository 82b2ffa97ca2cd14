package dev.virtwire.host.firewall;

import dev.virtwire.host.Golden;
import dev.virtwire.model.json.TopologyJson;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under firewall/ holds what {@code iptables -V}, {@code iptables-save}, {@code ip6tables-save} and
 * {@code nft -j list ruleset} printed in a scratch namespace (a file left out = that tool is missing), the
 * saved files a case has ({@code nftables.conf}, {@code rules.v4}) and expected.json: the firewall part of the
 * topology JSON. Where a ruleset was written by hand after a tool's documented layout (the tool does not
 * run here) and loaded into the real nft or iptables-restore, the case's ABOUT.md says so.
 */
class FirewallGoldenTest {

    static Stream<Path> cases() {
        return Golden.cases("firewall").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsFirewallOutput(Path dir) {
        var version = Golden.readIfPresent(dir.resolve("iptables-version.txt"));
        boolean iptablesNft = version.map(v -> v.contains("nf_tables")).orElse(false);
        var nft = Golden.readIfPresent(dir.resolve("nft.json"));
        var state = FirewallReader.combine(version, Golden.readIfPresent(dir.resolve("iptables-save.txt")), nft,
                iptablesNft, Golden.readIfPresent(dir.resolve("nftables.conf")),
                Golden.readIfPresent(dir.resolve("rules.v4")))
                .withIpv6(FirewallReader.ipv6(Golden.readIfPresent(dir.resolve("ip6tables-save.txt")), nft,
                        iptablesNft, Golden.readIfPresent(dir.resolve("nftables.conf"))))
                .withDocker(DockerDaemonJson.read(Golden.readIfPresent(dir.resolve("daemon.json"))));
        Golden.assertMatches(dir.resolve("expected.json"),
                TopologyJson.toJson(Golden.emptySnapshot().withFirewall(state)).get("firewall"));
    }
}
