package dev.virtwire.model.topology;

/**
 * How two topology nodes are connected. Edges point from the guest side towards the outside:
 * guest -> nic -> tap -> bridge -> physical NIC -> outside.
 */
public enum EdgeKind {
    /** guest -> one of its NICs */
    GUEST_NIC("guest-nic"),
    /** guest NIC -> its tap (or macvtap) device on the host */
    TAP_OF_NIC("tap-of-nic"),
    /** guest NIC -> the libvirt network it is configured on */
    NIC_ON_NETWORK("nic-on-network"),
    /** guest NIC -> the Linux bridge it is configured on (type bridge) */
    NIC_ON_BRIDGE("nic-on-bridge"),
    /** guest NIC -> the host NIC its macvtap sits on (type direct) */
    NIC_ON_DEVICE("nic-on-device"),
    /** link -> the bridge it is a port of */
    PORT_OF_BRIDGE("port-of-bridge"),
    /** link -> the bond it is enslaved to */
    PORT_OF_BOND("port-of-bond"),
    /** libvirt network -> the Linux bridge it runs on */
    NETWORK_USES_BRIDGE("network-uses-bridge"),
    /** libvirt network -> a host NIC of its device pool (macvtap, hostdev) or its forward device */
    NETWORK_USES_DEVICE("network-uses-device"),
    /** macvtap link -> its lower device */
    MACVTAP_OVER("macvtap-over"),
    /** VLAN link -> its lower device */
    VLAN_OVER("vlan-over"),
    /** veth -> its peer (only when the peer is in the same namespace) */
    VETH_PEER("veth-peer"),
    /** physical NIC -> the outside (LAN, internet) */
    UPLINK("uplink");

    private final String json;

    EdgeKind(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
