package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.host.libvirt.NetworkXml;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.FullNetworks;
import dev.virtwire.model.VirtualNetwork;
import java.io.StringReader;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** What Virtwire hands virsh and libvirt must be whole XML documents. */
class LibvirtXmlTest {

    @Test
    void aDhcpReservationIsOneClosedElement() throws Exception {
        String xml = LibvirtXml.dhcpHost(new DhcpHost(Optional.of("52:54:00:3a:10:01"), "192.168.122.10",
                Optional.of("web1")));
        assertEquals("<host mac=\"52:54:00:3a:10:01\" name=\"web1\" ip=\"192.168.122.10\"/>",
                xml.replaceFirst("^<\\?xml[^>]*\\?>", ""));
        Element host = parse(xml);
        assertEquals("192.168.122.10", host.getAttribute("ip"));
    }

    @Test
    void everyDemoNetworkIsAWellFormedDefinition() throws Exception {
        for (var network : SimulatedHost.demo().snapshot().networks()) {
            assertEquals(network.name(), parse(LibvirtXml.network(network)).getElementsByTagName("name").item(0)
                    .getTextContent());
        }
    }

    @Test
    void aRedefinedNetworkKeepsItsMtuBandwidthAndPortgroups() {
        for (var network : SimulatedHost.demo().snapshot().networks()) {
            VirtualNetwork full = FullNetworks.withEverything(network);
            VirtualNetwork again = NetworkXml.parse(LibvirtXml.network(full), full.active(), full.autostart());
            assertEquals(full.mtu(), again.mtu(), network.name());
            assertEquals(full.bandwidth(), again.bandwidth(), network.name());
            assertEquals(full.portgroups(), again.portgroups(), network.name());
        }
    }

    private static Element parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }
}
