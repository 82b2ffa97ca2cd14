package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.host.Golden;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.json.TopologyJson;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libvirt XML (written from libvirt's formatdomain / formatnetwork documentation) mapped to the model. A case
 * is a folder: network/NAME/network.xml, or domain/NAME/domain.xml (+ inactive.xml for the saved config),
 * with expected.json in the topology JSON's own shapes.
 */
class LibvirtXmlGoldenTest {

    static Stream<Path> networks() {
        return Golden.cases("libvirt/network").stream();
    }

    static Stream<Path> domains() {
        return Golden.cases("libvirt/domain").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void mapsNetworkXml(Path dir) {
        var network = NetworkXml.parse(Golden.read(dir.resolve("network.xml")), true, false);
        var json = TopologyJson.toJson(Golden.emptySnapshot().withNetworks(List.of(network)));
        Golden.assertMatches(dir.resolve("expected.json"), json.withArray("networks").get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("domains")
    void mapsDomainXml(Path dir) {
        var live = DomainXml.parse(Golden.read(dir.resolve("domain.xml")), GuestState.RUNNING);
        ObjectNode out = Golden.mapper().createObjectNode();
        out.set("guest", TopologyJson.toJson(Golden.emptySnapshot().withGuests(List.of(live.guest())))
                .withArray("guests").get(0));
        out.put("agent_connected", live.agentConnected());
        live.problems().forEach(out.withArray("problems")::add);
        out.withArray("problems");
        Golden.readIfPresent(dir.resolve("inactive.xml")).ifPresent(xml -> DomainXml.differences(live.guest(),
                DomainXml.parse(xml, GuestState.RUNNING).guest()).forEach(out.withArray("differences")::add));
        Golden.assertMatches(dir.resolve("expected.json"), out);
    }

    @Test
    void refusesBrokenXmlWithAMessageAndNeverReadsExternalEntities() {
        Path bad = Golden.RESOURCES.resolve("libvirt/bad-xml");
        var truncated = assertThrows(IllegalArgumentException.class,
                () -> DomainXml.parse(Golden.read(bad.resolve("truncated.xml")), GuestState.RUNNING));
        assertTrue(truncated.getMessage().startsWith("domain XML is not well-formed XML"), truncated.getMessage());
        var entity = assertThrows(IllegalArgumentException.class,
                () -> DomainXml.parse(Golden.read(bad.resolve("external-entity.xml")), GuestState.RUNNING));
        assertTrue(entity.getMessage().contains("DOCTYPE"), entity.getMessage());
    }

    @Test
    void refusesXmlOfTheWrongKind() {
        var e = assertThrows(IllegalArgumentException.class, () -> NetworkXml.parse("<domain/>", true, true));
        assertTrue(e.getMessage().contains("expected a <network>"), e.getMessage());
    }
}
