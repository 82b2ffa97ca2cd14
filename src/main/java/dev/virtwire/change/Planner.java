package dev.virtwire.change;

import dev.virtwire.host.HostReader;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.HostSnapshot;

/** Turns an intent into a plan against one snapshot of the host; refuses what cannot or should not be done. */
final class Planner {
    private final HostSnapshot s;
    private final HostReader host;
    private final SuggestedCommands suggested;

    Planner(HostSnapshot snapshot, HostReader host, SuggestedCommands suggested) {
        this.s = snapshot;
        this.host = host;
        this.suggested = suggested;
    }

    Plan plan(Intent intent) {
        try {
            return RevertTimer.guard(dispatch(intent));
        } catch (IllegalArgumentException e) {
            // a model check (MAC, CIDR, ...) refused a value: same meaning as our own refusals
            throw new ChangeRefused(e.getMessage());
        }
    }

    /** One branch per permitted {@link Intent}; Java 17 has no exhaustive pattern switch, a test checks instead. */
    private Plan dispatch(Intent intent) {
        NicPlanner nics = new NicPlanner(s, suggested);
        LinkPlanner links = new LinkPlanner(s, host);
        NetworkPlanner networks = new NetworkPlanner(s);
        if (intent instanceof GuestIntent.AttachNic i) {
            return nics.attach(i);
        } else if (intent instanceof GuestIntent.SwitchToBridged i) {
            return nics.switchToBridged(i);
        } else if (intent instanceof GuestIntent.SwitchToNat i) {
            return nics.switchToNat(i);
        } else if (intent instanceof GuestIntent.SetNicLink i) {
            return nics.setNicLink(i);
        } else if (intent instanceof GuestIntent.SetNicMac i) {
            return nics.setNicMac(i);
        } else if (intent instanceof LinkIntent.SetLinkUp i) {
            return links.setLinkUp(i);
        } else if (intent instanceof LinkIntent.SetLinkMaster i) {
            return links.setLinkMaster(i);
        } else if (intent instanceof LinkIntent.SetLinkMtu i) {
            return links.setLinkMtu(i);
        } else if (intent instanceof SysctlIntent.SetIpForward i) {
            return new SysctlPlanner(s, host).setIpForward(i);
        } else if (intent instanceof SysctlIntent.SetLinkForwarding i) {
            return new SysctlPlanner(s, host).setLinkForwarding(i);
        } else if (intent instanceof SysctlIntent.SetIpv6Conf i) {
            return new SysctlPlanner(s, host).setIpv6Conf(i);
        } else if (intent instanceof LinkIntent.CreateBridge i) {
            return links.createBridge(i);
        } else if (intent instanceof LinkIntent.SaveBridge i) {
            return new SaveBridgePlanner(s, host).plan(i);
        } else if (intent instanceof LinkIntent.DeleteBridge i) {
            return links.deleteBridge(i);
        } else if (intent instanceof LinkIntent.BridgeUplink i) {
            return new UplinkPlanner(s, host).bridgeUplink(i);
        } else if (intent instanceof GuestIntent.MacvtapToNewBridge i) {
            return new MacvtapBridgePlanner(s, host, suggested).plan(i);
        } else if (intent instanceof NetworkIntent.SetNetworkActive i) {
            return networks.setActive(i);
        } else if (intent instanceof NetworkIntent.RestartNetwork i) {
            return networks.restart(i);
        } else if (intent instanceof NetworkIntent.CreateNetwork i) {
            return networks.create(i);
        } else if (intent instanceof NetworkIntent.DeleteNetwork i) {
            return networks.delete(i);
        } else if (intent instanceof NetworkIntent.SetNetworkMode i) {
            return networks.setMode(i);
        } else if (intent instanceof NetworkIntent.AddDhcpHost i) {
            return new DhcpPlanner(s).add(i);
        } else if (intent instanceof NetworkIntent.RemoveDhcpHost i) {
            return new DhcpPlanner(s).remove(i);
        } else if (intent instanceof FirewallIntent.AddPortForward i) {
            return new ForwardPlanner(s, host).add(i);
        } else if (intent instanceof FirewallIntent.RemovePortForward i) {
            return new ForwardPlanner(s, host).remove(i);
        } else if (intent instanceof FirewallIntent.AcceptBridgeTraffic i) {
            return new AcceptPlanner(s, host).add(i);
        } else if (intent instanceof FirewallIntent.RemoveBridgeAccept i) {
            return new AcceptPlanner(s, host).remove(i);
        } else if (intent instanceof RouteIntent.AddRoute i) {
            return new RoutePlanner(s, suggested).add(i);
        } else if (intent instanceof RouteIntent.RestoreUplink i) {
            return new RoutePlanner(s, suggested).restoreUplink(i);
        } else if (intent instanceof GuestIntent.PutNicOnVlan i) {
            return new VlanPlanner(s, host).putNicOnVlan(i);
        } else if (intent instanceof RouteIntent.RemoveRoute i) {
            return new RoutePlanner(s, suggested).remove(i);
        } else if (intent instanceof Intent.Undo) {
            throw new ChangeRefused("'" + intent.describe() + "' is planned by the history (undo/redo), not on its own");
        }
        // PlannerDispatchTest plans every permitted Intent: a new one without a branch here fails there
        throw new IllegalStateException("no planner for " + intent.getClass().getSimpleName());
    }
}
