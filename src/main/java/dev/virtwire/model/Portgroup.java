package dev.virtwire.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A libvirt network {@code <portgroup>}: settings a guest NIC gets when it names this group (or by default).
 *
 * @param vlanTags        the VLAN ids of its {@code <vlan>}, empty when untagged
 * @param virtualportType the {@code <virtualport type>} (openvswitch, 802.1Qbh ...) when it has one
 */
public record Portgroup(String name, boolean isDefault, List<Integer> vlanTags, Optional<Bandwidth> bandwidth,
                        Optional<String> virtualportType) {

    public Portgroup {
        Objects.requireNonNull(name, "name");
        vlanTags = List.copyOf(vlanTags);
        Objects.requireNonNull(bandwidth, "bandwidth");
        Objects.requireNonNull(virtualportType, "virtualportType");
    }
}
