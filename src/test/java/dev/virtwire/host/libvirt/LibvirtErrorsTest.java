package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostException;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.Domain;
import org.libvirt.jna.virError;

/** libvirt's failures are told apart by their error code and domain, as libvirt reports them, not by their English. */
class LibvirtErrorsTest {

    @Test
    void anUnknownGuestIsGoneByItsCode() throws LibvirtException {
        Connect c = new Connect("test:///default");
        try {
            LibvirtException e = assertThrows(LibvirtException.class, () -> c.domainLookupByName("no-such-guest"));
            assertEquals(Error.ErrorNumber.VIR_ERR_NO_DOMAIN, e.getError().getCode());
            assertTrue(LibvirtErrors.isGone(e));
        } finally {
            c.close();
        }
    }

    @Test
    void askingAShutOffGuestForItsAddressesSaysToStartIt() throws LibvirtException {
        Connect c = new Connect("test:///default");
        Domain d = c.domainDefineXML("<domain type='test'><name>virtwire-errors-test</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>");
        try {
            LibvirtException e = assertThrows(LibvirtException.class, () -> d.interfaceAddresses(0, 0));
            assertEquals(Error.ErrorNumber.VIR_ERR_OPERATION_INVALID, e.getError().getCode(), e.getError().toString());
            HostException said = LibvirtErrors.call("reading the addresses of guest virtwire-errors-test", e);
            assertTrue(said.getMessage().endsWith(". Start it first"), said.getMessage());
        } finally {
            d.undefine();
            c.close();
        }
    }

    @Test
    void aMissingSocketIsAnRpcSystemErrorThatSaysStartTheDaemon() {
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> new Connect("qemu+unix:///system?socket=/nonexistent/libvirt-sock"));
        assertEquals(Error.ErrorNumber.VIR_ERR_SYSTEM_ERROR, e.getError().getCode());
        assertEquals(Error.ErrorDomain.VIR_FROM_RPC, e.getError().getDomain());
        assertTrue(LibvirtErrors.connect("qemu+unix:///system", e).getMessage().startsWith("libvirt is not reachable"));
    }

    @Test
    void theCodeDecidesWhateverLanguageTheMessageIsIn() {
        Error lost = error(Error.ErrorNumber.VIR_ERR_SYSTEM_ERROR, Error.ErrorDomain.VIR_FROM_RPC,
                "Daten können nicht empfangen werden: Verbindung zurückgesetzt");
        assertTrue(LibvirtErrors.connectionLost(lost, lost.getMessage()));
        Error denied = error(Error.ErrorNumber.VIR_ERR_ACCESS_DENIED, Error.ErrorDomain.VIR_FROM_ACCESS,
                "Zugriff verweigert: 'network.write'");
        assertTrue(LibvirtErrors.denied(denied, denied.getMessage()));
        assertFalse(LibvirtErrors.connectionLost(denied, denied.getMessage()));
        // the same English words under another code are not a lost connection
        Error guestSide = error(Error.ErrorNumber.VIR_ERR_OPERATION_FAILED, Error.ErrorDomain.VIR_FROM_QEMU,
                "guest agent: cannot recv data");
        assertFalse(LibvirtErrors.connectionLost(guestSide, guestSide.getMessage()));
    }

    @Test
    void withoutAnErrorRecordTheTextIsTheFallback() {
        assertTrue(LibvirtErrors.connectionLost(null, "Cannot recv data: Connection reset by peer"));
        assertTrue(LibvirtErrors.denied(null, "Failed to connect socket: Permission denied"));
        assertTrue(LibvirtErrors.notActive(null, "Requested operation is not valid: network is not active"));
    }

    private static Error error(Error.ErrorNumber code, Error.ErrorDomain domain, String message) {
        virError raw = new virError();
        raw.code = code.ordinal();
        raw.domain = domain.ordinal();
        raw.message = message;
        Error error = new Error(raw);
        assertEquals(code, error.getCode());
        assertEquals(domain, error.getDomain());
        return error;
    }
}
