package dev.virtwire.host;

import dev.virtwire.host.libvirt.LibvirtHost;
import dev.virtwire.host.sim.SimulatedHost;

/**
 * Opens the host an address names: the demo host, or a libvirt host (qemu:///system, qemu+ssh://..., the
 * lab's qemu+unix socket, libvirt's test:/// driver) with its kernel and firewall read at the address's target.
 */
public final class Hosts {
    private Hosts() {
    }

    public static Host open(HostAddress address) {
        if (address.isDemo()) {
            return SimulatedHost.demo();
        }
        // libvirt's native library is loaded only here, when a libvirt URI is used
        return LibvirtHost.open(address);
    }
}
