package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A mode switch replaces only what changes in the network's own XML. */
class NetworkRedefinitionTest {
    static final String DEFAULT = """
            <network>
              <name>default</name>
              <uuid>9a05da11-e96b-47f3-8253-a3a482e445f5</uuid>
              <forward mode='nat'><nat><port start='1024' end='65535'/></nat></forward>
              <bridge name='virbr0' stp='on' delay='0'/>
              <mac address='52:54:00:8a:11:01'/>
              <domain name='lab'/>
              <ip address='192.168.122.1' netmask='255.255.255.0'>
                <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>
              </ip>
            </network>""";

    static VirtualNetwork network(NetworkMode mode, Optional<String> bridge, List<NetworkIp> ips) {
        return new VirtualNetwork("default", Optional.empty(), false, true, mode, bridge, List.of(), ips);
    }

    static final List<NetworkIp> IPS = List.of(new NetworkIp("192.168.122.1/24",
            List.of(new DhcpRange("192.168.122.2", "192.168.122.254")), List.of()));

    @Test
    void natToOpenKeepsMacDomainAndAddresses() {
        String xml = NetworkRedefinition.merge(DEFAULT, network(NetworkMode.OPEN, Optional.of("virbr0"), IPS));
        assertTrue(xml.contains("<forward mode=\"open\"/>"), xml);
        assertFalse(xml.contains("mode=\"nat\""), xml);
        assertTrue(xml.contains("52:54:00:8a:11:01") && xml.contains("<domain name=\"lab\"/>"), xml);
        assertTrue(xml.contains("netmask=\"255.255.255.0\""), "the old ip element stays: " + xml);
        assertTrue(xml.contains("stp=\"on\""), xml);
    }

    @Test
    void toBridgeModeDropsWhatOnlyOwnNetworksHave() {
        String xml = NetworkRedefinition.merge(DEFAULT, network(NetworkMode.BRIDGE, Optional.of("br0"), List.of()));
        assertTrue(xml.contains("<forward mode=\"bridge\"/>"), xml);
        assertTrue(xml.contains("<bridge name=\"br0\"/>"), xml);
        assertFalse(xml.contains("<ip") || xml.contains("<mac") || xml.contains("<domain"), xml);
        assertTrue(xml.contains("9a05da11-e96b-47f3-8253-a3a482e445f5"), xml);
    }

    @Test
    void aDualStackNetworkSwitchedToRoutedKeepsItsIpv6PrefixAndDhcpv6() {
        String dual = DEFAULT.replace("</network>", """
                  <ip family='ipv6' address='2001:db8:ca2:2::1' prefix='64'>
                    <dhcp>
                      <range start='2001:db8:ca2:2::100' end='2001:db8:ca2:2::1ff'/>
                      <host id='0:3:0:1:52:54:0:12:34:56' name='web' ip='2001:db8:ca2:2::10'/>
                    </dhcp>
                  </ip>
                </network>""");
        VirtualNetwork before = NetworkXml.parse(dual, true, true);
        String xml = NetworkRedefinition.merge(dual, before.withMode(NetworkMode.ROUTE));
        VirtualNetwork after = NetworkXml.parse(xml, true, true);
        assertEquals(NetworkMode.ROUTE, after.mode());
        assertEquals(before.ips(), after.ips());
        assertEquals(before.ips6(), after.ips6(), xml);
    }
}
