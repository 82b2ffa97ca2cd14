package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Golden;
import dev.virtwire.host.HostException;
import dev.virtwire.host.LibvirtCalls;
import dev.virtwire.host.Scope;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.NicType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device XML sent to virDomainUpdateDeviceFlags is the NIC's current element with what the libvirt call's
 * XML names taken over: its identity (MAC, model, target, PCI address) stays, one thing changes.
 */
class NicXmlTest {
    private final String web1 = Golden.read(Golden.RESOURCES.resolve("libvirt/domain/running-every-nic-type/domain.xml"));

    private static String wrap(String nic) {
        return "<domain><name>web1</name><devices>" + nic + "</devices></domain>";
    }

    private String moved(String mac, NicType type, String source) {
        var call = LibvirtCalls.nicUpdate("web1", mac, type, source, Scope.LIVE).get(0);
        return NicXml.merge(web1, mac, call.xml().orElseThrow());
    }

    private String linked(String mac, boolean up) {
        return NicXml.merge(web1, mac, LibvirtCalls.nicLink("web1", mac, up, Scope.LIVE).get(0).xml().orElseThrow());
    }

    @Test
    void movingToABridgeKeepsMacModelTargetAndPciAddress() {
        String xml = moved("52:54:00:3a:10:01", NicType.BRIDGE, "br0");
        var nic = DomainXml.parse(wrap(xml), GuestState.RUNNING).guest().nics().get(0);
        assertEquals(NicType.BRIDGE, nic.type());
        assertEquals("br0", nic.source().orElseThrow());
        assertEquals("virtio", nic.model().orElseThrow());
        assertEquals("vnet0", nic.target().orElseThrow());
        assertTrue(xml.contains("bus=\"0x01\""), xml);
        assertTrue(!xml.contains("portid") && !xml.contains("virbr0"), "old network's source must go: " + xml);
    }

    @Test
    void movingToAHostDeviceIsMacvtapInBridgeMode() {
        var nic = DomainXml.parse(wrap(moved("52:54:00:3a:10:02", NicType.DIRECT, "eth0")),
                GuestState.RUNNING).guest().nics().get(0);
        assertEquals(List.of("direct", "eth0", "bridge"), List.of(nic.type().json(), nic.source().orElseThrow(),
                nic.directMode().orElseThrow()));
    }

    @Test
    void aNicMovedOffMacvtapIsPluggedInAnewWithoutTheOldDevicesNames() {
        assertTrue(NicXml.isMacvtap(web1, "52:54:00:3a:10:03"));
        assertTrue(!NicXml.isMacvtap(web1, "52:54:00:3a:10:01"));
        String xml = NicXml.replugged(web1, "52:54:00:3a:10:03", NicType.BRIDGE, "br0");
        var nic = DomainXml.parse(wrap(xml), GuestState.RUNNING).guest().nics().get(0);
        assertEquals(List.of("bridge", "br0", "virtio"), List.of(nic.type().json(), nic.source().orElseThrow(),
                nic.model().orElseThrow()));
        assertTrue(nic.target().isEmpty() && !xml.contains("macvtap0"), "the new tap gets its own name: " + xml);
        String back = NicXml.pluggedBack(web1, "52:54:00:3a:10:01");
        assertTrue(back.contains("bus=\"0x01\"") && !back.contains("net0") && !back.contains("vnet0"), back);
        assertTrue(NicXml.has(web1, "52:54:00:3A:10:03") && !NicXml.has(web1, "52:54:00:3a:10:ff"));
    }

    @Test
    void aNicGivenANewMacKeepsItsSourceModelAndPciSlotWithoutTheOldDevicesNames() {
        String xml = NicXml.withMac(web1, "52:54:00:3a:10:01", "52:54:00:AB:CD:EF");
        var nic = DomainXml.parse(wrap(xml), GuestState.RUNNING).guest().nics().get(0);
        var before = DomainXml.parse(web1, GuestState.RUNNING).guest().nic("52:54:00:3a:10:01").orElseThrow();
        assertEquals("52:54:00:ab:cd:ef", nic.mac());
        assertEquals(List.of(before.type(), before.source(), before.model()), List.of(nic.type(), nic.source(),
                nic.model()));
        assertTrue(xml.contains("bus=\"0x01\"") && !xml.contains("net0") && !xml.contains("vnet0"), xml);
        assertTrue(!xml.contains("52:54:00:3a:10:01") && !xml.contains("portid"), "the old port was the old NIC's: "
                + xml);
        assertThrows(HostException.class, () -> NicXml.withMac(web1, "52:54:00:3a:10:ff", "52:54:00:ab:cd:ef"));
    }

    @Test
    void unplugsAndPlugsTheVirtualCableAndKeepsTheSource() {
        var down = DomainXml.parse(wrap(linked("52:54:00:3A:10:01", false)), GuestState.RUNNING).guest().nics().get(0);
        assertEquals(false, down.linkUp());
        assertEquals("default", down.source().orElseThrow());
        var up = DomainXml.parse(wrap(linked("52:54:00:3a:10:02", true)), GuestState.RUNNING);
        assertEquals(true, up.guest().nics().get(0).linkUp());
    }

    @Test
    void aMoveKeepsTheLinkStateAndACableChangeKeepsTheType() {
        String unplugged = NicXml.merge(web1, "52:54:00:3a:10:01", LibvirtCalls.nicLink("web1", "52:54:00:3a:10:01",
                false, Scope.LIVE).get(0).xml().orElseThrow());
        String movedToo = NicXml.merge(wrap(unplugged), "52:54:00:3a:10:01", LibvirtCalls.nicUpdate("web1",
                "52:54:00:3a:10:01", NicType.BRIDGE, "br0", Scope.LIVE).get(0).xml().orElseThrow());
        var nic = DomainXml.parse(wrap(movedToo), GuestState.RUNNING).guest().nics().get(0);
        assertEquals(List.of("bridge", "br0", "false"), List.of(nic.type().json(), nic.source().orElseThrow(),
                Boolean.toString(nic.linkUp())));
    }

    @Test
    void refusesUnknownMacsAndTargetsThatAreNotAttachable() {
        var noNic = assertThrows(HostException.class, () -> linked("52:54:00:ff:ff:ff", true));
        assertTrue(noNic.getMessage().contains("has no NIC with MAC 52:54:00:ff:ff:ff"), noNic.getMessage());
        var user = assertThrows(IllegalArgumentException.class,
                () -> LibvirtCalls.nicUpdate("web1", "52:54:00:3a:10:01", NicType.USER, "x", Scope.BOTH));
        assertTrue(user.getMessage().contains("not to 'user'"), user.getMessage());
    }
}
