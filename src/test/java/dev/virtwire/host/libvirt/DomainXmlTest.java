package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.GuestState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The streaming domain reader on what the golden cases do not show: which elements count, and its messages. */
class DomainXmlTest {

    private static Guest parse(String xml) {
        return DomainXml.parse(xml, GuestState.RUNNING).guest();
    }

    @Test
    void textIsUnescapedAndTrimmed() {
        Guest g = parse("<domain><name> web&amp;db </name><uuid><![CDATA[ 1b4e28ba-2fa1-11d2-883f-0016d3cca427 ]]>"
                + "</uuid></domain>");
        assertEquals("web&db", g.name());
        assertEquals(Optional.of("1b4e28ba-2fa1-11d2-883f-0016d3cca427"), g.uuid());
    }

    @Test
    void onlyTheFirstDevicesAndTheirOwnInterfacesCount() {
        Guest g = parse("<domain><name>a</name><interface type='network'><mac address='52:54:00:00:00:09'/>"
                + "</interface><devices><interface type='network'><mac address='52:54:00:00:00:01'/>"
                + "<source network='default'/><source network='other'/><vlan><tag id='10'/><tag id='20'/></vlan>"
                + "<vlan><tag id='30'/></vlan></interface><hub><interface type='bridge'>"
                + "<mac address='52:54:00:00:00:02'/></interface></hub></devices>"
                + "<devices><interface type='network'><mac address='52:54:00:00:00:03'/></interface></devices>"
                + "</domain>");
        assertEquals(1, g.nics().size(), g.nics().toString());
        GuestNic nic = g.nics().get(0);
        assertEquals("52:54:00:00:00:01", nic.mac());
        assertEquals(Optional.of("default"), nic.source());
        assertEquals(List.of(10, 20), nic.vlans());
    }

    @Test
    void aHostDeviceIsNamedByItsPciAddress() {
        Guest g = parse("<domain><name>a</name><devices><interface type='hostdev'><mac address='52:54:00:00:00:01'/>"
                + "<source><address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/></source>"
                + "</interface></devices></domain>");
        assertEquals(Optional.of("0000:03:10.1"), g.nics().get(0).source());
    }

    @Test
    void namespacedElementsAreIgnored() {
        Guest g = parse("<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>a</name>"
                + "<qemu:commandline><qemu:arg value='-no-reboot'/></qemu:commandline></domain>");
        assertEquals("a", g.name());
        assertTrue(g.nics().isEmpty());
    }

    @Test
    void brokenXmlIsOneLineThatSaysWhere() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse("<domain><name>a</name>\n<devices>"));
        assertTrue(e.getMessage().startsWith("domain XML is not well-formed XML (line 2, column "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("ParseError"), e.getMessage());
    }

    @Test
    void anyDoctypeIsRefusedAndNoDomainIsNotADomain() {
        var doctype = assertThrows(IllegalArgumentException.class,
                () -> parse("<!DOCTYPE domain><domain><name>a</name></domain>"));
        assertTrue(doctype.getMessage().contains("DOCTYPE"), doctype.getMessage());
        var network = assertThrows(IllegalArgumentException.class, () -> parse("<network><name>a</name></network>"));
        assertEquals("expected a <domain> element, found <network>", network.getMessage());
        var nameless = assertThrows(IllegalArgumentException.class, () -> parse("<domain><name> </name></domain>"));
        assertEquals("domain XML without a <name>", nameless.getMessage());
    }

    /** Each thread reuses one reader: a document must leave nothing behind, even one that failed halfway. */
    @Test
    void aReusedReaderStartsClean() throws Exception {
        String two = "<domain><name>two</name><uuid>u2</uuid><devices><interface type='network'>"
                + "<mac address='52:54:00:00:00:01'/><source network='a'/></interface><interface type='bridge'>"
                + "<mac address='52:54:00:00:00:02'/><source bridge='br0'/></interface></devices></domain>";
        assertEquals(2, parse(two).nics().size());
        assertThrows(IllegalArgumentException.class, () -> parse("<domain><name>half</name><devices><interface"));
        Guest none = parse("<domain><name>none</name></domain>");
        assertEquals("none", none.name());
        assertEquals(Optional.empty(), none.uuid());
        assertTrue(none.nics().isEmpty());

        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Guest>> reads = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = "g" + i;
                String xml = i % 2 == 0 ? two.replace(">two<", ">" + name + "<")
                        : "<domain><name>" + name + "</name></domain>";
                reads.add(pool.submit(() -> parse(xml)));
            }
            for (int i = 0; i < 200; i++) {
                Guest g = reads.get(i).get();
                assertEquals("g" + i, g.name());
                assertEquals(i % 2 == 0 ? 2 : 0, g.nics().size(), g.toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
