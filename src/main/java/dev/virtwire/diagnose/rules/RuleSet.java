package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Rule;
import java.util.List;

/** Every rule the troubleshooter runs: one class per problem of the catalog; IPv4 and IPv6 traffic apart. */
public final class RuleSet {
    private RuleSet() {
    }

    public static List<Rule> all() {
        return List.of(new NetworkInactive(), new GuestNotRunning(), new GuestLinkDown(), new TapMissing(),
                new TapNotOnBridge(), new BridgeDown(), new LinkDown(), new StpBlocking(), new VlanUntaggedOnTrunk(),
                new VlanMismatch(), new DuplicateMac(), new BridgeNoUplink(), new BondDegraded(), new VlanParentDown(),
                new BondModeNeedsSwitch(), new UplinkDown(), new NotSaved(), new ManagerConflict(),
                new HostAddressOnBridgePort(),
                new MacvtapHostIsolation(), new IsolatedNetworkNoOutside(), new DhcpServerMissing(),
                new DhcpPoolExhausted(), new GuestIpWrongSubnet(), new DuplicateIp(), new SubnetOverlap(),
                new GuestGatewayWrong(), new IpForwardDisabled(), new DockerDirectAccessDrop(), new ForwardPolicyDrop(), new ForwardRuleReject(),
                new BrNetfilterDrop(), new NatMasqueradeMissing(), new RoutedNoReturnRoute(), new MtuMismatch(),
                new NoDhcpLease(), new MacvtapAddressUnseen());
    }

    /** For IPv6 traffic: the rules of the wire (either family) and the IPv6 ones, none that reads IPv4 facts. */
    public static List<Rule> ipv6() {
        return List.of(new NetworkInactive(), new GuestNotRunning(), new GuestLinkDown(), new TapMissing(),
                new TapNotOnBridge(), new BridgeDown(), new LinkDown(), new StpBlocking(), new VlanUntaggedOnTrunk(),
                new VlanMismatch(), new DuplicateMac(), new BridgeNoUplink(), new BondDegraded(), new VlanParentDown(),
                new BondModeNeedsSwitch(), new UplinkDown(), new NotSaved(), new ManagerConflict(),
                new MacvtapHostIsolation(), new IsolatedNetworkNoOutside(), new RaMissing(), new NoIpv6Address(),
                new Ip6ForwardDisabled(), new AcceptRaLost(), new Ip6FirewallDrop(), new RoutedNoReturnRoute(),
                new MtuMismatch());
    }
}
