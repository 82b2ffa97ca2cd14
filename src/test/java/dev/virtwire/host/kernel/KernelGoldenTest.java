package dev.virtwire.host.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.Golden;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.json.TopologyJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under kernel/ holds what iproute2 printed (captured in a scratch namespace on this machine, or
 * written from its format) and expected.json: the links, routes, ARP entries, FDB and sysctls Virtwire makes of it.
 */
class KernelGoldenTest {

    static Stream<Path> cases() {
        return Golden.cases("kernel").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsIprouteOutput(Path dir) {
        // ip-d-addr.json: one `ip -j -d addr` output holding both (what KernelReader runs)
        var both = Golden.readIfPresent(dir.resolve("ip-d-addr.json"));
        String ipLink = both.orElseGet(() -> Golden.read(dir.resolve("ip-link.json")));
        String ipAddr = both.orElseGet(() -> Golden.readIfPresent(dir.resolve("ip-addr.json")).orElse("[]"));
        var links = BridgeTables.withPorts(LinkTable.links(ipLink, ipAddr),
                Golden.readIfPresent(dir.resolve("bridge-link.json")).orElse("[]"),
                Golden.readIfPresent(dir.resolve("bridge-vlan.json")).orElse("[]"));
        var routes = RouteTable.routes(Golden.readIfPresent(dir.resolve("ip-route.json")).orElse("[]"));
        // ip-6-route.json: `ip -6 -j route`, routes6 (written only where the case has it)
        var routes6 = Golden.readIfPresent(dir.resolve("ip-6-route.json")).map(RouteTable::routes);
        HostSnapshot s = Golden.emptySnapshot().withLinks(links).withRoutes(routes)
                .withRoutes6(routes6.orElse(List.of()));
        ObjectNode json = TopologyJson.toJson(s);
        ObjectNode out = Golden.mapper().createObjectNode();
        out.set("links", json.get("links"));
        out.set("routes", json.get("routes"));
        routes6.ifPresent(r -> out.set("routes6", json.get("routes6")));
        var neighbours = out.putArray("neighbours");
        Neighbour.parse(Golden.readIfPresent(dir.resolve("ip-neigh.json")).orElse("[]"))
                .forEach(n -> neighbours.addObject().put("ip", n.ip()).put("mac", n.mac()).put("dev", n.device()));
        var fdb = out.putArray("fdb");
        BridgeTables.fdb(Golden.readIfPresent(dir.resolve("bridge-fdb.json")).orElse("[]"))
                .forEach(f -> fdb.addObject().put("mac", f.mac()).put("port", f.port())
                        .put("bridge", f.bridge().orElse(null)).put("local", f.local()));
        Optional<String> netconf = Golden.readIfPresent(dir.resolve("ip-netconf.json"));
        // ipv6-conf.txt: the output of Sysctls.ipv6Commands
        Optional<String> ipv6 = Golden.readIfPresent(dir.resolve("ipv6-conf.txt"));
        Golden.readIfPresent(dir.resolve("sysctl.txt")).map(Sysctls::parse)
                .map(sys -> netconf.map(sys::withNetconf).orElse(sys))
                .map(sys -> ipv6.map(sys::withIpv6).orElse(sys)).ifPresent(sys -> {
            ObjectNode k = out.putObject("kernel");
            k.set("settings", TopologyJson.toJson(s.withKernel(sys.settings())).get("kernel"));
            var off = k.putArray("links_not_forwarding");
            List<String> names = sys.linksNotForwarding();
            names.forEach(off::add);
        });
        Golden.assertMatches(dir.resolve("expected.json"), out);
    }
}
