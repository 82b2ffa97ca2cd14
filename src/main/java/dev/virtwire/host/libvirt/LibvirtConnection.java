package dev.virtwire.host.libvirt;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.ConnectionPointer;

/**
 * A read-write libvirt connection that also hands out its native pointer, for the events libvirt-java lacks. Not
 * final: a test counts the calls a read makes through one.
 */
class LibvirtConnection extends Connect {

    LibvirtConnection(String uri) throws LibvirtException {
        super(uri, false);
    }

    ConnectionPointer pointer() {
        return vcp;
    }
}
