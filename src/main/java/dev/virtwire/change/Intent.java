package dev.virtwire.change;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the user wants, in their words: a gesture in the window, a CLI command, a troubleshooter's fix. The
 * planner checks it against the host and turns it into a {@link Plan}; nothing here is validated yet (a bad
 * name becomes a {@link ChangeRefused} when planned). Intents are stored in the history journal as JSON, each by
 * its name below (the families it is declared in, {@link GuestIntent}, {@link LinkIntent} ..., do not show there).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "intent")
@JsonSubTypes({
        @JsonSubTypes.Type(value = GuestIntent.AttachNic.class, name = "attach-nic"),
        @JsonSubTypes.Type(value = GuestIntent.SwitchToBridged.class, name = "switch-to-bridged"),
        @JsonSubTypes.Type(value = GuestIntent.SwitchToNat.class, name = "switch-to-nat"),
        @JsonSubTypes.Type(value = GuestIntent.SetNicLink.class, name = "set-nic-link"),
        @JsonSubTypes.Type(value = GuestIntent.SetNicMac.class, name = "set-nic-mac"),
        @JsonSubTypes.Type(value = LinkIntent.SetLinkUp.class, name = "set-link-up"),
        @JsonSubTypes.Type(value = LinkIntent.SetLinkMaster.class, name = "set-link-master"),
        @JsonSubTypes.Type(value = LinkIntent.SetLinkMtu.class, name = "set-link-mtu"),
        @JsonSubTypes.Type(value = NetworkIntent.SetNetworkActive.class, name = "set-network-active"),
        @JsonSubTypes.Type(value = NetworkIntent.RestartNetwork.class, name = "restart-network"),
        @JsonSubTypes.Type(value = SysctlIntent.SetIpForward.class, name = "set-ip-forward"),
        @JsonSubTypes.Type(value = SysctlIntent.SetLinkForwarding.class, name = "set-link-forwarding"),
        @JsonSubTypes.Type(value = SysctlIntent.SetIpv6Conf.class, name = "set-ipv6-conf"),
        @JsonSubTypes.Type(value = LinkIntent.CreateBridge.class, name = "create-bridge"),
        @JsonSubTypes.Type(value = LinkIntent.SaveBridge.class, name = "save-bridge"),
        @JsonSubTypes.Type(value = LinkIntent.DeleteBridge.class, name = "delete-bridge"),
        @JsonSubTypes.Type(value = LinkIntent.BridgeUplink.class, name = "bridge-uplink"),
        @JsonSubTypes.Type(value = GuestIntent.MacvtapToNewBridge.class, name = "macvtap-to-new-bridge"),
        @JsonSubTypes.Type(value = NetworkIntent.CreateNetwork.class, name = "create-network"),
        @JsonSubTypes.Type(value = NetworkIntent.DeleteNetwork.class, name = "delete-network"),
        @JsonSubTypes.Type(value = NetworkIntent.SetNetworkMode.class, name = "set-network-mode"),
        @JsonSubTypes.Type(value = NetworkIntent.AddDhcpHost.class, name = "add-dhcp-host"),
        @JsonSubTypes.Type(value = NetworkIntent.RemoveDhcpHost.class, name = "remove-dhcp-host"),
        @JsonSubTypes.Type(value = FirewallIntent.AddPortForward.class, name = "add-port-forward"),
        @JsonSubTypes.Type(value = FirewallIntent.RemovePortForward.class, name = "remove-port-forward"),
        @JsonSubTypes.Type(value = FirewallIntent.AcceptBridgeTraffic.class, name = "accept-bridge-traffic"),
        @JsonSubTypes.Type(value = FirewallIntent.RemoveBridgeAccept.class, name = "remove-bridge-accept"),
        @JsonSubTypes.Type(value = RouteIntent.AddRoute.class, name = "add-route"),
        @JsonSubTypes.Type(value = RouteIntent.RestoreUplink.class, name = "restore-uplink"),
        @JsonSubTypes.Type(value = GuestIntent.PutNicOnVlan.class, name = "put-nic-on-vlan"),
        @JsonSubTypes.Type(value = RouteIntent.RemoveRoute.class, name = "remove-route"),
        @JsonSubTypes.Type(value = Intent.Undo.class, name = "undo")})
public sealed interface Intent permits GuestIntent, LinkIntent, SysctlIntent, NetworkIntent, FirewallIntent,
        RouteIntent, Intent.Undo {

    /** One line in the user's words, e.g. "Connect web1's NIC 52:54:00:3a:10:01 to bridge br0". */
    String describe();

    /** The inverse of an applied change, as undo and recovery plan it (not planned from user input). */
    record Undo(String entryId, String title) implements Intent {
        public String describe() {
            return "Undo: " + title;
        }
    }
}
