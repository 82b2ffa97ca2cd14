package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Golden;
import dev.virtwire.host.HostException;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.NicType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device XML sent to virDomainUpdateDeviceFlags keeps the NIC's identity and changes one thing. */
class NicXmlTest {
    private final String web1 = Golden.read(Golden.RESOURCES.resolve("libvirt/domain/running-every-nic-type/domain.xml"));

    private static String wrap(String nic) {
        return "<domain><name>web1</name><devices>" + nic + "</devices></domain>";
    }

    @Test
    void movingToABridgeKeepsMacModelTargetAndPciAddress() {
        String xml = NicXml.retarget(web1, "52:54:00:3a:10:01", NicType.BRIDGE, "br0");
        var nic = DomainXml.parse(wrap(xml), GuestState.RUNNING).guest().nics().get(0);
        assertEquals(NicType.BRIDGE, nic.type());
        assertEquals("br0", nic.source().orElseThrow());
        assertEquals("virtio", nic.model().orElseThrow());
        assertEquals("vnet0", nic.target().orElseThrow());
        assertTrue(xml.contains("bus=\"0x01\""), xml);
        assertTrue(!xml.contains("portid") && !xml.contains("virbr0"), "old network's source must go: " + xml);
    }

    @Test
    void movingToAHostDeviceIsMacvtapInBridgeModeUnlessAModeWasSet() {
        var nic = DomainXml.parse(wrap(NicXml.retarget(web1, "52:54:00:3a:10:02", NicType.DIRECT, "eth0")),
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
    void unplugsAndPlugsTheVirtualCable() {
        var down = DomainXml.parse(wrap(NicXml.withLink(web1, "52:54:00:3A:10:01", false)), GuestState.RUNNING);
        assertEquals(false, down.guest().nics().get(0).linkUp());
        var up = DomainXml.parse(wrap(NicXml.withLink(web1, "52:54:00:3a:10:02", true)), GuestState.RUNNING);
        assertEquals(true, up.guest().nics().get(0).linkUp());
    }

    @Test
    void refusesUnknownMacsAndTargetsThatAreNotAttachable() {
        var noNic = assertThrows(HostException.class, () -> NicXml.withLink(web1, "52:54:00:ff:ff:ff", true));
        assertTrue(noNic.getMessage().contains("has no NIC with MAC 52:54:00:ff:ff:ff"), noNic.getMessage());
        var user = assertThrows(IllegalArgumentException.class,
                () -> NicXml.retarget(web1, "52:54:00:3a:10:01", NicType.USER, "x"));
        assertTrue(user.getMessage().contains("not to 'user'"), user.getMessage());
    }
}
