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
        if (intent instanceof Intent.AttachNic i) {
            return nics.attach(i);
        } else if (intent instanceof Intent.SwitchToBridged i) {
            return nics.switchToBridged(i);
        } else if (intent instanceof Intent.SwitchToNat i) {
            return nics.switchToNat(i);
        } else if (intent instanceof Intent.SetNicLink i) {
            return nics.setNicLink(i);
        } else if (intent instanceof Intent.SetLinkUp i) {
            return links.setLinkUp(i);
        } else if (intent instanceof Intent.SetLinkMaster i) {
            return links.setLinkMaster(i);
        } else if (intent instanceof Intent.SetLinkMtu i) {
            return links.setLinkMtu(i);
        } else if (intent instanceof Intent.SetIpForward i) {
            return new SysctlPlanner(s, host).setIpForward(i);
        } else if (intent instanceof Intent.SetLinkForwarding i) {
            return new SysctlPlanner(s, host).setLinkForwarding(i);
        } else if (intent instanceof Intent.SetIpv6Conf i) {
            return new SysctlPlanner(s, host).setIpv6Conf(i);
        } else if (intent instanceof Intent.CreateBridge i) {
            return links.createBridge(i);
        } else if (intent instanceof Intent.SaveBridge i) {
            return new SaveBridgePlanner(s, host).plan(i);
        } else if (intent instanceof Intent.DeleteBridge i) {
            return links.deleteBridge(i);
        } else if (intent instanceof Intent.BridgeUplink i) {
            return new UplinkPlanner(s, host).bridgeUplink(i);
        } else if (intent instanceof Intent.MacvtapToNewBridge i) {
            return new MacvtapBridgePlanner(s, host, suggested).plan(i);
        } else if (intent instanceof Intent.SetNetworkActive i) {
            return networks.setActive(i);
        } else if (intent instanceof Intent.RestartNetwork i) {
            return networks.restart(i);
        } else if (intent instanceof Intent.CreateNetwork i) {
            return networks.create(i);
        } else if (intent instanceof Intent.DeleteNetwork i) {
            return networks.delete(i);
        } else if (intent instanceof Intent.SetNetworkMode i) {
            return networks.setMode(i);
        } else if (intent instanceof Intent.AddDhcpHost i) {
            return new DhcpPlanner(s).add(i);
        } else if (intent instanceof Intent.RemoveDhcpHost i) {
            return new DhcpPlanner(s).remove(i);
        } else if (intent instanceof Intent.AddPortForward i) {
            return new ForwardPlanner(s).add(i);
        } else if (intent instanceof Intent.RemovePortForward i) {
            return new ForwardPlanner(s).remove(i);
        } else if (intent instanceof Intent.AcceptBridgeTraffic i) {
            return new AcceptPlanner(s).add(i);
        } else if (intent instanceof Intent.RemoveBridgeAccept i) {
            return new AcceptPlanner(s).remove(i);
        } else if (intent instanceof Intent.AddRoute i) {
            return new RoutePlanner(s, suggested).add(i);
        } else if (intent instanceof Intent.RestoreUplink i) {
            return new RoutePlanner(s, suggested).restoreUplink(i);
        } else if (intent instanceof Intent.PutNicOnVlan i) {
            return new VlanPlanner(s).putNicOnVlan(i);
        } else if (intent instanceof Intent.RemoveRoute i) {
            return new RoutePlanner(s, suggested).remove(i);
        } else if (intent instanceof Intent.Undo) {
            throw new ChangeRefused("'" + intent.describe() + "' is planned by the history (undo/redo), not on its own");
        }
        // PlannerDispatchTest plans every permitted Intent: a new one without a branch here fails there
        throw new IllegalStateException("no planner for " + intent.getClass().getSimpleName());
    }
}
