package dev.virtwire.model.topology;

import dev.virtwire.model.LinkKind;
import java.util.Locale;

/** What a node of the topology stands for. Links keep their kernel kind. */
public enum NodeKind {
    OUTSIDE, PHYSICAL, BRIDGE, TAP, VETH, MACVTAP, VLAN, BOND, DUMMY, LOOPBACK, OTHER, NETWORK, GUEST, NIC;

    public static NodeKind of(LinkKind kind) {
        return valueOf(kind.name());
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
