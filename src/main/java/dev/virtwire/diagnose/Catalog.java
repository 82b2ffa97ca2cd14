package dev.virtwire.diagnose;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every finding the troubleshooter can report, with its stable id. Declared in causal order: a problem
 * nearer the guest (or one that takes a whole hop away) comes before what it can cause further out, so
 * that sorting by this order puts the most likely root cause first.
 */
public enum Catalog {
    NETWORK_INACTIVE("network-inactive", Severity.ERROR),
    GUEST_NOT_RUNNING("guest-not-running", Severity.ERROR),
    GUEST_LINK_DOWN("guest-link-down", Severity.ERROR),
    TAP_MISSING("tap-missing", Severity.ERROR),
    TAP_NOT_ON_BRIDGE("tap-not-on-bridge", Severity.ERROR),
    BRIDGE_DOWN("bridge-down", Severity.ERROR),
    LINK_DOWN("link-down", Severity.ERROR),
    STP_BLOCKING("stp-blocking", Severity.ERROR),
    /** a guest's VLAN tag that a plain bridge does not apply: its frames leave untagged on the uplink's trunk */
    VLAN_UNTAGGED_ON_TRUNK("vlan-untagged-on-trunk", Severity.ERROR),
    VLAN_MISMATCH("vlan-mismatch", Severity.WARNING),
    DUPLICATE_MAC("duplicate-mac", Severity.ERROR),
    BRIDGE_NO_UPLINK("bridge-no-uplink", Severity.ERROR),
    /** a slave of a bond on the way out is down: a warning while another carries the traffic */
    BOND_DEGRADED("bond-degraded", Severity.ERROR),
    VLAN_PARENT_DOWN("vlan-parent-down", Severity.ERROR),
    /** 802.3ad with no LACP partner: the switch ports are not configured as a link aggregation */
    BOND_MODE_NEEDS_SWITCH("bond-mode-needs-switch", Severity.WARNING),
    UPLINK_DOWN("uplink-down", Severity.ERROR),
    /** works now, but a link it needs is made by hand: gone after a reboot */
    NOT_SAVED("not-saved", Severity.WARNING),
    /** a link changed by hand that its network manager will put back as it saved it */
    MANAGER_CONFLICT("manager-conflict", Severity.WARNING),
    HOST_ADDRESS_ON_BRIDGE_PORT("host-address-on-bridge-port", Severity.WARNING),
    MACVTAP_HOST_ISOLATION("macvtap-host-isolation", Severity.ERROR),
    ISOLATED_NETWORK_NO_OUTSIDE("isolated-network-no-outside", Severity.INFO),
    DHCP_SERVER_MISSING("dhcp-server-missing", Severity.ERROR),
    DHCP_POOL_EXHAUSTED("dhcp-pool-exhausted", Severity.ERROR),
    /** IPv6: the guest's network has no IPv6 at all (no prefix, nothing on its bridge): IPv6 cannot work there */
    NETWORK_WITHOUT_IPV6("network-without-ipv6", Severity.INFO),
    /** IPv6: the guest's network has an IPv6 prefix on the host's side but sends no router advertisements */
    RA_MISSING("ra-missing", Severity.ERROR),
    /** IPv6: the guest NIC has no global IPv6 address that the host knows of */
    NO_IPV6_ADDRESS("no-ipv6-address", Severity.ERROR),
    GUEST_IP_WRONG_SUBNET("guest-ip-wrong-subnet", Severity.ERROR),
    DUPLICATE_IP("duplicate-ip", Severity.ERROR),
    SUBNET_OVERLAP("subnet-overlap", Severity.ERROR),
    GUEST_GATEWAY_WRONG("guest-gateway-wrong", Severity.WARNING),
    IP_FORWARD_DISABLED("ip-forward-disabled", Severity.ERROR),
    IP6_FORWARD_DISABLED("ip6-forward-disabled", Severity.ERROR),
    /** IPv6 forwarding on, the uplink's accept_ra 1: the host ignores router advertisements, its default route goes */
    ACCEPT_RA_LOST("accept-ra-lost", Severity.ERROR),
    /** Docker's raw prerouting drop of a container's address reached from outside its bridge: before forwarding */
    DOCKER_DIRECT_ACCESS_DROP("docker-direct-access-drop", Severity.ERROR),
    FORWARD_POLICY_DROP("forward-policy-drop", Severity.ERROR),
    FORWARD_RULE_REJECT("forward-rule-reject", Severity.ERROR),
    IP6_FIREWALL_DROP("ip6-firewall-drop", Severity.ERROR),
    BR_NETFILTER_DROP("br-netfilter-drop", Severity.ERROR),
    NAT_MASQUERADE_MISSING("nat-masquerade-missing", Severity.ERROR),
    ROUTED_NO_RETURN_ROUTE("routed-no-return-route", Severity.ERROR),
    MTU_MISMATCH("mtu-mismatch", Severity.WARNING),
    NO_DHCP_LEASE("no-dhcp-lease", Severity.ERROR),
    /** a macvtap guest takes its address from the LAN: the host sees it only in the guest's own traffic */
    MACVTAP_ADDRESS_UNSEEN("macvtap-address-unseen", Severity.INFO);

    /** Problems that leave a guest cut off at layer 2: anything that needs the wire is their symptom. */
    private static final Set<Catalog> CUTS_THE_WIRE = Set.of(NETWORK_INACTIVE, GUEST_NOT_RUNNING, GUEST_LINK_DOWN,
            TAP_MISSING, TAP_NOT_ON_BRIDGE, BRIDGE_DOWN, LINK_DOWN, STP_BLOCKING, DUPLICATE_MAC,
            DHCP_SERVER_MISSING, DHCP_POOL_EXHAUSTED);

    private final String id;
    private final Severity severity;

    Catalog(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    /** The usual severity; a rule may lower it when the facts say the problem does not bite this time. */
    public Severity severity() {
        return severity;
    }

    /** INFO findings that still mean "this cannot work", not "something is broken". */
    public boolean blocksByDesign() {
        return this == ISOLATED_NETWORK_NO_OUTSIDE || this == NETWORK_WITHOUT_IPV6;
    }

    /** Whether a finding of this kind is explained by an earlier {@code cause} on the same path. */
    public boolean isSymptomOf(Catalog cause) {
        return switch (this) {
            case NO_IPV6_ADDRESS -> CUTS_THE_WIRE.contains(cause) || cause == RA_MISSING
                    || cause == BRIDGE_NO_UPLINK || cause == NETWORK_WITHOUT_IPV6;
            case NO_DHCP_LEASE -> CUTS_THE_WIRE.contains(cause) || cause == BRIDGE_NO_UPLINK
                    || cause == SUBNET_OVERLAP || cause == BOND_DEGRADED || cause == VLAN_PARENT_DOWN
                    || cause == VLAN_UNTAGGED_ON_TRUNK;
            case TAP_MISSING, TAP_NOT_ON_BRIDGE, BRIDGE_DOWN, DHCP_SERVER_MISSING, NAT_MASQUERADE_MISSING ->
                    cause == NETWORK_INACTIVE;
            case GUEST_GATEWAY_WRONG, FORWARD_RULE_REJECT -> cause == GUEST_IP_WRONG_SUBNET;
            // a bond without slaves has no carrier, and a VLAN goes down with its parent
            case UPLINK_DOWN -> cause == BOND_DEGRADED || cause == VLAN_PARENT_DOWN;
            case VLAN_MISMATCH -> cause == VLAN_UNTAGGED_ON_TRUNK;
            case ROUTED_NO_RETURN_ROUTE -> cause == IP_FORWARD_DISABLED || cause == UPLINK_DOWN
                    || cause == FORWARD_POLICY_DROP || cause == FORWARD_RULE_REJECT;
            case DUPLICATE_IP -> cause == DUPLICATE_MAC;
            // spanning tree still learning on a port that just came back up
            case STP_BLOCKING -> cause == BRIDGE_DOWN || cause == LINK_DOWN || cause == GUEST_LINK_DOWN
                    || cause == UPLINK_DOWN || cause == NETWORK_INACTIVE || cause == BOND_DEGRADED
                    || cause == VLAN_PARENT_DOWN;
            default -> false;
        };
    }

    public static Optional<Catalog> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
