package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.virtwire.host.Golden;
import dev.virtwire.model.GuestNic;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** A guest's saved config is read from libvirt's inactive XML, for the one guest a change's check asks about. */
class SavedGuestTest {
    static final String WEB1 = "52:54:00:3a:10:01";

    @Test
    void theSavedConfigIsReadFromTheInactiveXmlNotTheRunningGuest() throws LibvirtException {
        try (LibvirtHost host = RecordedHost.open(Golden.RESOURCES.resolve("libvirt/hosts/small-office.xml"))) {
            // a new definition of a running guest changes only its saved config, as virsh define does
            Domain web1 = host.session().connection.domainLookupByName("web1");
            web1.getConnect().domainDefineXML(web1.getXMLDesc(2).replace("<source network='default'",
                    "<source network='isolated'"));

            GuestNic saved = host.savedGuest("web1").flatMap(g -> g.nic(WEB1)).orElseThrow();
            GuestNic running = host.snapshot().guest("web1").flatMap(g -> g.nic(WEB1)).orElseThrow();
            assertEquals(Optional.of("isolated"), saved.source());
            assertEquals(Optional.of("default"), running.source());
            assertEquals(Optional.empty(), host.savedGuest("nobody"));
        }
    }
}
