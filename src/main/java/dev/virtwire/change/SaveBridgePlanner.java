package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.Scope;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedConfig;
import dev.virtwire.model.SavedLink;
import dev.virtwire.model.Uplinks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Saves a bridge made by hand, as it runs, through the manager that will own it (the fix of {@code not-saved}, and
 * of {@code manager-conflict} for a port moved by hand into such a bridge): the bridge's files or profile and its
 * ports towards the LAN, each as the manager's own planner saves a new bridge and a port, saved only: what runs
 * already is what is saved. Undo takes the files back byte for byte.
 */
final class SaveBridgePlanner {
    private final HostSnapshot s;
    private final HostReader host;

    SaveBridgePlanner(HostSnapshot s, HostReader host) {
        this.s = s;
        this.host = host;
    }

    Plan plan(LinkIntent.SaveBridge i) {
        Link bridge = new Lookup(s).link(i.name(), "bridge");
        if (bridge.kind() != LinkKind.BRIDGE) {
            throw new ChangeRefused(bridge.name() + " is a " + bridge.kind().json() + ", not a bridge");
        }
        s.saved().owner(bridge.name()).ifPresent(l -> {
            throw new ChangeRefused(bridge.name() + " is saved already (" + l.owner() + ", " + l.source() + ")");
        });
        if (!bridge.addresses().isEmpty()) {
            throw new ChangeRefused(bridge.name() + " has addresses " + bridge.addresses() + ": Virtwire saves a "
                    + "bridge made by hand only without addresses of its own; save it with the steps the "
                    + "troubleshooter lists");
        }
        SavedScope scope = SavedScope.choose(s, host, Optional.of(Scope.CONFIG), List.of(bridge.name()), true);
        BridgeSettings settings = bridge.bridge().orElse(BridgeSettings.KERNEL_DEFAULT);
        LinkIntent.CreateBridge create = new LinkIntent.CreateBridge(bridge.name(), settings.stp(),
                settings.forwardDelayOrDefault() / 100, Optional.of(Scope.CONFIG));
        // its ports towards the LAN (a cable, a VLAN or bond over one): a guest's tap is libvirt's to plug
        List<Link> ports = Uplinks.of(s).portsOf(bridge.name());
        List<Operation> ops = new ArrayList<>();
        LinkOwner manager = scope.manager();
        if (manager == LinkOwner.IFUPDOWN) {
            ops.addAll(new IfupdownPlanner(s, host, scope).saveBridge(create, settings,
                    ports.stream().map(Link::name).toList()).operations());
        } else if (manager == LinkOwner.NETWORKD) {
            ops.addAll(new NetworkdPlanner(host, scope).createBridge(create, settings).operations());
            ports.forEach(p -> ops.addAll(new NetworkdPlanner(host, portScope(manager, p)).setPort(portOf(p, bridge),
                    p, false).operations()));
        } else if (manager == LinkOwner.NETPLAN) {
            ops.addAll(new NetplanPlanner(s, host, scope).createBridge(create, settings).operations());
            HostSnapshot saved = savedAlready(bridge, manager);
            ports.forEach(p -> ops.addAll(new NetplanPlanner(saved, host, portScope(manager, p))
                    .setPort(portOf(p, bridge), p, false).operations()));
        } else {
            ops.addAll(new NmPlanner(s, host, scope).createBridge(create, settings).operations());
            HostSnapshot saved = savedAlready(bridge, manager);
            ports.forEach(p -> ops.addAll(new NmPlanner(saved, host, portScope(manager, p)).addPort(portOf(p, bridge),
                    p, bridge.name(), false).operations()));
        }
        String with = ports.isEmpty() ? "" : " with its port" + (ports.size() == 1 ? " " : "s ")
                + String.join(", ", ports.stream().map(Link::name).toList());
        return new Plan(i, "Save bridge " + bridge.name() + with + " as it runs now through " + manager.json()
                + ", from the next boot (nothing running changes)", ops);
    }

    /** The host as if the bridge were saved already, to plan its ports: it is, by the step before them. */
    private HostSnapshot savedAlready(Link bridge, LinkOwner manager) {
        return s.withSaved(new SavedConfig(true, s.saved().managers(), with(s.saved().links(),
                SavedLink.of(bridge.name(), manager, bridge.name(), SavedAddresses.none()))));
    }

    private SavedScope portScope(LinkOwner manager, Link port) {
        return new SavedScope(Scope.CONFIG, manager, s.saved().owner(port.name()).filter(o -> o.owner() == manager));
    }

    private static LinkIntent.SetLinkMaster portOf(Link port, Link bridge) {
        return new LinkIntent.SetLinkMaster(port.name(), Optional.of(bridge.name()), Optional.of(Scope.CONFIG));
    }

    private static List<SavedLink> with(List<SavedLink> links, SavedLink more) {
        List<SavedLink> out = new ArrayList<>(links);
        out.add(more);
        return out;
    }
}
