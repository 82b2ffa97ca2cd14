package dev.virtwire.change.op;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * One verifiable step of a plan. Each operation carries what it expects to find (so drift is detected
 * before it acts), how to act, how to check the result on a fresh read, its exact inverse, and the command
 * line a user could type instead. Operations are stored in the history journal as JSON.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AttachNicOp.class, name = "attach-nic"),
        @JsonSubTypes.Type(value = NicLinkOp.class, name = "nic-link"),
        @JsonSubTypes.Type(value = NicMacOp.class, name = "nic-mac"),
        @JsonSubTypes.Type(value = LinkUpOp.class, name = "link-up"),
        @JsonSubTypes.Type(value = LinkMasterOp.class, name = "link-master"),
        @JsonSubTypes.Type(value = LinkMtuOp.class, name = "link-mtu"),
        @JsonSubTypes.Type(value = LinkMacOp.class, name = "link-mac"),
        @JsonSubTypes.Type(value = AddressOp.class, name = "address"),
        @JsonSubTypes.Type(value = RouteOp.class, name = "route"),
        @JsonSubTypes.Type(value = BridgeOp.class, name = "bridge"),
        @JsonSubTypes.Type(value = VlanLinkOp.class, name = "vlan-link"),
        @JsonSubTypes.Type(value = IpForwardOp.class, name = "ip-forward"),
        @JsonSubTypes.Type(value = LinkForwardingOp.class, name = "link-forwarding"),
        @JsonSubTypes.Type(value = Ipv6ConfOp.class, name = "ipv6-conf"),
        @JsonSubTypes.Type(value = SavedSysctlOp.class, name = "saved-sysctl"),
        @JsonSubTypes.Type(value = NetworkActiveOp.class, name = "network-active"),
        @JsonSubTypes.Type(value = NetworkDefinitionOp.class, name = "network-definition"),
        @JsonSubTypes.Type(value = DhcpHostOp.class, name = "dhcp-host"),
        @JsonSubTypes.Type(value = PortForwardOp.class, name = "port-forward"),
        @JsonSubTypes.Type(value = ForwardAcceptOp.class, name = "forward-accept"),
        @JsonSubTypes.Type(value = NftablesConfOp.class, name = "nftables-conf"),
        @JsonSubTypes.Type(value = DockerAcceptMarkOp.class, name = "docker-accept-mark"),
        @JsonSubTypes.Type(value = RulesV4Op.class, name = "iptables-rules-v4"),
        @JsonSubTypes.Type(value = RulesV4AcceptOp.class, name = "iptables-rules-v4-accept"),
        @JsonSubTypes.Type(value = NetworkHookOp.class, name = "libvirt-network-hook"),
        @JsonSubTypes.Type(value = FirewalldZoneOp.class, name = "firewalld-zone"),
        @JsonSubTypes.Type(value = UfwRouteOp.class, name = "ufw-route"),
        @JsonSubTypes.Type(value = FirewalldForwardPortOp.class, name = "firewalld-forward-port"),
        @JsonSubTypes.Type(value = FirewalldAcceptOp.class, name = "firewalld-accept"),
        @JsonSubTypes.Type(value = FirewalldFilesOp.class, name = "firewalld-files"),
        @JsonSubTypes.Type(value = FirewalldPolicyRuleOp.class, name = "firewalld-policy-rule"),
        @JsonSubTypes.Type(value = PortForwardAcceptOp.class, name = "port-forward-accept"),
        @JsonSubTypes.Type(value = RevertWatchdogOp.class, name = "revert-watchdog"),
        @JsonSubTypes.Type(value = CheckpointOp.class, name = "nm-checkpoint"),
        @JsonSubTypes.Type(value = NmProfileOp.class, name = "nm-profile"),
        @JsonSubTypes.Type(value = NmMtuOp.class, name = "nm-mtu"),
        @JsonSubTypes.Type(value = ManagerFileOp.class, name = "manager-file"),
        @JsonSubTypes.Type(value = NetplanFileOp.class, name = "netplan-file"),
        @JsonSubTypes.Type(value = NetworkdLinksOp.class, name = "networkd-links"),
        @JsonSubTypes.Type(value = IfupdownSwapOp.class, name = "ifupdown-swap"),
        @JsonSubTypes.Type(value = NetworkdSwapOp.class, name = "networkd-swap"),
        @JsonSubTypes.Type(value = NetplanNmSwapOp.class, name = "netplan-nm-swap"),
        @JsonSubTypes.Type(value = UplinkWatchdogOp.class, names = {"uplink-watchdog", "ifupdown-watchdog"}),
        @JsonSubTypes.Type(value = ManagerLinkOp.class, names = {"manager-link", "networkd-link"})})
public sealed interface Operation permits AttachNicOp, NicLinkOp, NicMacOp, LinkUpOp, LinkMasterOp, LinkMtuOp, LinkMacOp,
        AddressOp, RouteOp, BridgeOp, VlanLinkOp, IpForwardOp, LinkForwardingOp, Ipv6ConfOp, SavedSysctlOp,
        NetworkActiveOp, NetworkDefinitionOp, DhcpHostOp, PortForwardOp, ForwardAcceptOp, NftablesConfOp, RulesV4Op,
        RulesV4AcceptOp, NetworkHookOp,
        DockerAcceptMarkOp, FirewalldZoneOp, UfwRouteOp, FirewalldForwardPortOp, FirewalldAcceptOp, FirewalldFilesOp,
        FirewalldPolicyRuleOp, PortForwardAcceptOp, ConfirmOrRevert,
        NmProfileOp, NmMtuOp, ManagerFileOp, ManagerLinkOp, NetworkdLinksOp, NetplanFileOp, UplinkSwap {

    /** In the user's words, e.g. "Move web1's NIC 52:54:00:3a:10:01 from network default to bridge br0". */
    String describe();

    /**
     * What the host runs for this step, in order: the preview shows exactly these, and the real host makes
     * these calls and runs these commands.
     */
    List<HostCommand> commands();

    /** The equivalent command lines; XML that a command reads from stdin follows it, indented. */
    default List<String> preview() {
        return HostCommand.shown(commands());
    }

    /** What the operation touches (a link, a guest's NIC, ...): later steps on the same thing depend on it. */
    List<Id> subjects();

    /** Why the host is not as this step expects (drift), or empty when it may run. */
    Optional<String> drift(HostSnapshot now);

    /** Makes the change; failures are {@link dev.virtwire.host.HostException}s. */
    void apply(Host host);

    /**
     * As {@link #apply}, and what the user must know of how it went when the step did less than it describes
     * without failing (firewalld's files left as firewall-cmd wrote them); empty when it did what it says.
     */
    default Optional<String> applyNoting(Host host) {
        apply(host);
        return Optional.empty();
    }

    /** What a fresh read shows is not as it should be after {@link #apply}, or empty when verified. */
    Optional<String> unverified(HostSnapshot after);

    /** The step that takes this one back exactly. */
    Operation inverse();

    /** Whether it touches the link carrying the host's default route. */
    default boolean risky() {
        return false;
    }

    /**
     * Whether a snapshot shows this step's effect. A step that does not show (a host-side timer) cannot be
     * judged "half done" after a failure; the executor takes it back anyway, as a precaution.
     */
    default boolean showsInSnapshot() {
        return true;
    }

    /** The ip command of a kernel step, for a host-side revert batch; empty for libvirt and firewall steps. */
    default Optional<List<String>> ipCommand() {
        return Optional.empty();
    }
}
