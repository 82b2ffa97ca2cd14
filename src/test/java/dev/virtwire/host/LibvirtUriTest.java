package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LibvirtUriTest {

    @Test
    void libvirtsDriversWithOrWithoutATransportAndTheDemoHostAreUris() {
        for (String uri : List.of("qemu:///system", "qemu:///session", "qemu+ssh://root@kvm1:2222/system",
                "qemu+tls://kvm1/system", "qemu+libssh2://kvm1/system?known_hosts=/k", "test:///default",
                "lxc:///system", "QEMU:///system", "demo:///")) {
            assertEquals(uri, LibvirtUri.checked(uri));
        }
    }

    @Test
    void aSchemeLibvirtDoesNotKnowIsRefusedNamingWhatItKnows() {
        IllegalArgumentException driver = assertThrows(IllegalArgumentException.class,
                () -> LibvirtUri.checked("bogus://x"));
        assertTrue(driver.getMessage().startsWith("'bogus://x' names no libvirt driver: 'bogus' is not one of qemu, "),
                driver.getMessage());
        IllegalArgumentException transport = assertThrows(IllegalArgumentException.class,
                () -> LibvirtUri.checked("qemu+sssh://kvm1/system"));
        assertTrue(transport.getMessage().contains("after 'qemu+' comes one of ssh, libssh, libssh2, tls"),
                transport.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LibvirtUri.checked("qemu+ssh+tls://kvm1/system"));
    }

    @Test
    void whatIsNoUriAtAllSaysWhatOneLooksLike() {
        for (String text : List.of("not a uri", "kvm1", "qemu:system", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LibvirtUri.checked(text));
            assertTrue(e.getMessage().contains("is not a libvirt URI: give one like qemu:///system"), e.getMessage());
        }
    }
}
