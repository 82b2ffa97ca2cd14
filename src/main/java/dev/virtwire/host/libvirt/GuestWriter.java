package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostCommand.LibvirtCall;
import dev.virtwire.host.HostException;
import dev.virtwire.host.LibvirtCalls;
import dev.virtwire.host.Scope;
import dev.virtwire.model.NicType;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

/**
 * The libvirt side of the guests' writer: NIC updates through virDomainUpdateDeviceFlags, making exactly the
 * calls {@link LibvirtCalls} builds (and previews show), and network start/stop.
 */
final class GuestWriter {
    private final Connect connect;

    GuestWriter(Connect connect) {
        this.connect = connect;
    }

    void attachNic(String guest, String mac, NicType type, String source, Scope scope) {
        String what = "attaching NIC " + mac + " of " + guest + " to " + type.json() + " " + source;
        try {
            if (scope.live() && crossesMacvtap(guest, mac, type, what)) {
                // update-device refuses to turn a tap into a macvtap or back: unplug, then plug the new one in
                new NicReplug(connect).replug(guest, mac, type, source, what);
                if (scope.config()) {
                    update(guest, mac, what, LibvirtCalls.nicUpdate(guest, mac, type, source, Scope.CONFIG));
                }
                return;
            }
            update(guest, mac, what, LibvirtCalls.nicUpdate(guest, mac, type, source, scope));
        } catch (IllegalArgumentException e) {
            throw new HostException(what + ": " + e.getMessage(), e);
        }
    }

    private boolean crossesMacvtap(String guest, String mac, NicType type, String what) {
        try {
            Domain d = lookup(guest);
            return d.isActive() == 1 && (type == NicType.DIRECT) != NicXml.isMacvtap(d.getXMLDesc(0), mac);
        } catch (LibvirtException e) {
            throw LibvirtErrors.call(what, e);
        }
    }

    void setNicLink(String guest, String mac, boolean up, Scope scope) {
        update(guest, mac, (up ? "plugging" : "unplugging") + " the cable of NIC " + mac + " of " + guest,
                LibvirtCalls.nicLink(guest, mac, up, scope));
    }

    /**
     * The running guest's NIC replugged with the new MAC (it must release it: ACPI PCI hotplug), then its saved
     * config's NIC detached and attached again with it; the saved half put back as it was when its attach fails.
     */
    void setNicMac(String guest, String mac, String newMac, Scope scope) {
        String what = "giving NIC " + mac + " of " + guest + " the MAC " + newMac;
        try {
            Domain d = lookup(guest);
            boolean running = d.isActive() == 1;
            if (scope.live() && running) {
                new NicReplug(connect).replug(guest, mac, live -> NicXml.withMac(live, mac, newMac), what);
            } else if (!scope.config()) {
                throw new HostException(what + ": guest " + guest + " is not running, so there is nothing live to "
                        + "change; change its saved config instead");
            }
            if (scope.config() && d.isPersistent() == 1) {
                String saved = d.getXMLDesc(Domain.XMLFlags.INACTIVE);
                String old = NicXml.element(saved, mac);
                d.detachDeviceFlags(old, Domain.DeviceModifyFlags.CONFIG);
                try {
                    d.attachDeviceFlags(NicXml.withMac(saved, mac, newMac), Domain.DeviceModifyFlags.CONFIG);
                } catch (LibvirtException e) {
                    d.attachDeviceFlags(old, Domain.DeviceModifyFlags.CONFIG);
                    throw new HostException(what + ": the saved config's NIC could not take the new MAC ("
                            + LibvirtErrors.message(e) + "); it is as it was" + (running && scope.live()
                            ? ", but the running guest has the new MAC until it is shut off" : ""), e);
                }
            }
        } catch (LibvirtException e) {
            throw LibvirtErrors.call(what, e);
        } catch (IllegalArgumentException e) {
            throw new HostException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the calls, live first: each sends the NIC's element from its own half's XML (they may differ) with
     * what the call names taken over. A shut-off guest has only its config, a transient one only its live half.
     */
    private void update(String guest, String mac, String what, List<LibvirtCall> calls) {
        try {
            Domain d = lookup(guest);
            boolean running = d.isActive() == 1;
            if (!running && calls.stream().allMatch(c -> c.half() == Scope.LIVE)) {
                throw new HostException(what + ": guest " + guest + " is not running, so there is nothing live to "
                        + "change; change its saved config instead");
            }
            boolean liveDone = false;
            for (LibvirtCall call : calls) {
                if (call.half() == Scope.LIVE && running) {
                    d.updateDeviceFlags(NicXml.merge(d.getXMLDesc(0), mac, call.xml().orElseThrow()),
                            Domain.DeviceModifyFlags.LIVE);
                    liveDone = true;
                } else if (call.half() == Scope.CONFIG && d.isPersistent() == 1) {
                    updateConfig(d, mac, what, call, liveDone);
                }
            }
        } catch (LibvirtException e) {
            throw LibvirtErrors.call(what, e);
        } catch (IllegalArgumentException e) {
            throw new HostException(what + ": " + e.getMessage(), e);
        }
    }

    private static void updateConfig(Domain d, String mac, String what, LibvirtCall call, boolean liveDone)
            throws LibvirtException {
        try {
            d.updateDeviceFlags(NicXml.merge(d.getXMLDesc(Domain.XMLFlags.INACTIVE), mac, call.xml().orElseThrow()),
                    Domain.DeviceModifyFlags.CONFIG);
        } catch (LibvirtException e) {
            if (liveDone) {
                throw new HostException(what + ": the running guest was changed but its saved config was "
                        + "not (" + LibvirtErrors.message(e) + "); the change is lost at the next restart", e);
            }
            throw e;
        }
    }

    void setNetworkActive(String name, boolean active) {
        String what = (active ? "starting" : "stopping") + " network " + name;
        try {
            Network n = connect.networkLookupByName(name);
            boolean now = n.isActive() == 1;
            if (now == active) {
                throw new HostException("network " + name + " is already " + (active ? "active" : "inactive"));
            }
            if (active) {
                n.create();
            } else {
                n.destroy();
            }
        } catch (LibvirtException e) {
            throw LibvirtErrors.isGone(e) ? new HostException("there is no libvirt network named '" + name + "'", e)
                    : LibvirtErrors.call(what, e);
        }
    }

    Domain lookup(String guest) throws LibvirtException {
        try {
            return connect.domainLookupByName(guest);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isGone(e)) {
                throw new HostException("there is no guest named '" + guest + "'", e);
            }
            throw e;
        }
    }
}
