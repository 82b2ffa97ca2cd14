package dev.virtwire.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A libvirt virtual network.
 *
 * @param bridge  the Linux bridge that libvirt creates (nat/route/open/isolated) or uses (bridge mode)
 * @param devices the host NICs of a macvtap/hostdev device pool, or the NAT/route outgoing device
 */
public record VirtualNetwork(String name, Optional<String> uuid, boolean active, boolean autostart,
                             NetworkMode mode, Optional<String> bridge, List<String> devices,
                             List<NetworkIp> ips) {

    public VirtualNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        devices = List.copyOf(devices);
        ips = List.copyOf(ips);
    }

    public VirtualNetwork withActive(boolean nowActive) {
        return new VirtualNetwork(name, uuid, nowActive, autostart, mode, bridge, devices, ips);
    }

    public VirtualNetwork withMode(NetworkMode newMode) {
        return new VirtualNetwork(name, uuid, active, autostart, newMode, bridge, devices, ips);
    }

    public VirtualNetwork withIps(List<NetworkIp> newIps) {
        return new VirtualNetwork(name, uuid, active, autostart, mode, bridge, devices, newIps);
    }
}
