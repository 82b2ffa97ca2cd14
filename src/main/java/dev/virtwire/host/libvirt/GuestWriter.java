package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostException;
import dev.virtwire.host.Scope;
import dev.virtwire.model.NicType;
import java.util.function.UnaryOperator;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

/**
 * The libvirt side of the host writer: NIC updates through virDomainUpdateDeviceFlags (the device XML taken
 * from the guest's own XML, one thing changed) and network start/stop.
 */
final class GuestWriter {
    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;
    private static final int XML_INACTIVE = 2;

    private final Connect connect;

    GuestWriter(Connect connect) {
        this.connect = connect;
    }

    void attachNic(String guest, String mac, NicType type, String source, Scope scope) {
        String what = "attaching NIC " + mac + " of " + guest + " to " + type.json() + " " + source;
        if (scope.live() && crossesMacvtap(guest, mac, type, what)) {
            // update-device refuses to turn a tap into a macvtap or back: unplug, then plug the new one in
            new NicReplug(connect).replug(guest, mac, type, source, what);
            if (scope.config()) {
                update(guest, Scope.CONFIG, what, xml -> NicXml.retarget(xml, mac, type, source));
            }
            return;
        }
        update(guest, scope, what, xml -> NicXml.retarget(xml, mac, type, source));
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
        update(guest, scope, (up ? "plugging" : "unplugging") + " the cable of NIC " + mac + " of " + guest,
                xml -> NicXml.withLink(xml, mac, up));
    }

    /**
     * Live and saved config are changed one after the other, each from its own XML (they may differ); a
     * shut-off guest has only its config.
     */
    private void update(String guest, Scope scope, String what, UnaryOperator<String> change) {
        try {
            Domain d = lookup(guest);
            boolean running = d.isActive() == 1;
            if (scope == Scope.LIVE && !running) {
                throw new HostException(what + ": guest " + guest + " is not running, so there is nothing live to "
                        + "change; change its saved config instead");
            }
            if (running && scope.live()) {
                d.updateDeviceFlags(change.apply(d.getXMLDesc(0)), AFFECT_LIVE);
            }
            if (scope.config() && d.isPersistent() == 1) {
                try {
                    d.updateDeviceFlags(change.apply(d.getXMLDesc(XML_INACTIVE)), AFFECT_CONFIG);
                } catch (LibvirtException e) {
                    if (running && scope.live()) {
                        throw new HostException(what + ": the running guest was changed but its saved config was "
                                + "not (" + LibvirtErrors.message(e) + "); the change is lost at the next restart", e);
                    }
                    throw e;
                }
            }
        } catch (LibvirtException e) {
            throw LibvirtErrors.call(what, e);
        } catch (IllegalArgumentException e) {
            throw new HostException(what + ": " + e.getMessage(), e);
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
