package dev.virtwire.host;

import dev.virtwire.host.sim.SimulatedHost;

/** Opens the host an address names. */
public final class Hosts {
    private Hosts() {
    }

    public static Host open(HostAddress address) {
        if (address.isDemo()) {
            return SimulatedHost.demo();
        }
        throw new HostException("reading libvirt hosts (" + address.uri() + ") is not built yet; "
                + "use --demo for the built-in demo host");
    }
}
