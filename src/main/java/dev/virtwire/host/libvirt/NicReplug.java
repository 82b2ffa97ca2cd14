package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostException;
import dev.virtwire.model.NicType;
import java.time.Duration;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Moves a running guest's NIC between a tap and a macvtap, or gives it a new MAC, which update-device cannot do:
 * the NIC is unplugged (the guest must let go of it: ACPI PCI hotplug), then plugged in again with the same model
 * and PCI slot on its new source or with its new MAC. When the new one cannot be plugged, the old one is plugged back.
 */
final class NicReplug {
    private static final Duration RELEASE_WITHIN = Duration.ofSeconds(20);
    private static final long POLL_MS = 200;

    private final Connect connect;

    NicReplug(Connect connect) {
        this.connect = connect;
    }

    void replug(String guest, String mac, NicType type, String source, String what) {
        replug(guest, mac, live -> NicXml.replugged(live, mac, type, source), what);
    }

    /** As above, the new NIC made by {@code plugged} from the running guest's XML (e.g. with a new MAC). */
    void replug(String guest, String mac, java.util.function.UnaryOperator<String> plugged, String what) {
        try {
            Domain d = new GuestWriter(connect).lookup(guest);
            String live = d.getXMLDesc(0);
            String plug = plugged.apply(live);
            String back = NicXml.pluggedBack(live, mac);
            d.detachDeviceFlags(NicXml.element(live, mac), Domain.DeviceModifyFlags.LIVE);
            awaitRelease(d, guest, mac, what);
            try {
                d.attachDeviceFlags(plug, Domain.DeviceModifyFlags.LIVE);
            } catch (LibvirtException e) {
                try {
                    d.attachDeviceFlags(back, Domain.DeviceModifyFlags.LIVE);
                } catch (LibvirtException again) {
                    throw new HostException(what + ": the new NIC could not be plugged in (" + LibvirtErrors.message(e)
                            + ") nor the old one back (" + LibvirtErrors.message(again) + "): " + guest + " has no NIC "
                            + mac + " now; plug it in with virsh attach-device " + guest + " --live", e);
                }
                throw new HostException(what + ": the new NIC could not be plugged in (" + LibvirtErrors.message(e)
                        + "); the old one is plugged back", e);
            }
        } catch (LibvirtException e) {
            throw LibvirtErrors.call(what, e);
        }
    }

    /** Unplugging is a request to the guest; libvirt reports it done once the device is gone from the XML. */
    private static void awaitRelease(Domain d, String guest, String mac, String what) throws LibvirtException {
        long deadline = System.nanoTime() + RELEASE_WITHIN.toNanos();
        while (NicXml.has(d.getXMLDesc(0), mac)) {
            if (System.nanoTime() > deadline) {
                throw new HostException(what + ": " + guest + " did not release its NIC " + mac + " within "
                        + RELEASE_WITHIN.toSeconds() + " s; a guest without ACPI PCI hotplug cannot be re-plugged "
                        + "while it runs: shut it off and change its saved configuration instead");
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostException(what + ": interrupted while " + guest + " released its NIC " + mac, e);
            }
        }
    }
}
