package dev.virtwire.change;

import dev.virtwire.change.op.BridgeOp;
import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.LinkMtuOp;
import dev.virtwire.change.op.LinkUpOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.NicType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Plans changes to kernel links: up/down, bridge ports, MTU, and bridges themselves. */
final class LinkPlanner {
    private final HostSnapshot s;
    private final HostReader host;

    LinkPlanner(HostSnapshot snapshot, HostReader host) {
        this.s = snapshot;
        this.host = host;
    }

    Plan setLinkUp(LinkIntent.SetLinkUp i) {
        Link link = link(i.link());
        if (link.adminUp() == i.up()) {
            throw new ChangeRefused(link.name() + " is already " + (i.up() ? "up" : "down"));
        }
        return new Plan(i, i.describe(), List.of(new LinkUpOp(link.name(), i.up(), carriesDefaultRoute(link))));
    }

    Plan setLinkMaster(LinkIntent.SetLinkMaster i) {
        Link link = link(i.link());
        if (i.master().isPresent()) {
            Link master = link(i.master().get());
            if (master.kind() != LinkKind.BRIDGE && master.kind() != LinkKind.BOND) {
                throw new ChangeRefused(master.name() + " is a " + master.kind().json() + ": a link can only be made "
                        + "a port of a bridge or a bond");
            }
            if (master.name().equals(link.name()) || master.master().filter(link.name()::equals).isPresent()) {
                throw new ChangeRefused(link.name() + " cannot be a port of " + master.name() + ": that makes a loop");
            }
            if (link.kind() == LinkKind.LOOPBACK) {
                throw new ChangeRefused("the loopback device cannot be a bridge port");
            }
        }
        if (link.master().equals(i.master())) {
            throw new ChangeRefused(link.name() + " is " + i.master().map(m -> "a port of " + m).orElse("in no bridge")
                    + " already");
        }
        // a physical link no manager owns is saved by the bridge's manager; other links (taps) by their owner only
        List<String> about = new ArrayList<>(List.of(link.name()));
        i.master().filter(m -> link.kind() == LinkKind.PHYSICAL).ifPresent(about::add);
        SavedScope scope = SavedScope.choose(s, host, i.scope(), about, false);
        boolean risky = carriesDefaultRoute(link);
        Optional<Plan> saved = throughManager(scope, networkd -> networkd.setPort(i, link, risky),
                ifupdown -> ifupdown.setPort(i, link, risky), netplan -> netplan.setPort(i, link, risky),
                nm -> i.master().isPresent() ? nm.addPort(i, link, i.master().get(), risky)
                        : nm.removePort(i, link, risky));
        return saved.orElseGet(() -> new Plan(i, i.describe() + scope.titleNote(s, host), List.of(new LinkMasterOp(
                link.name(), i.master(), link.master(), risky))));
    }

    Plan setLinkMtu(LinkIntent.SetLinkMtu i) {
        Link link = link(i.link());
        if (i.mtu() < 68 || i.mtu() > 65535) {
            throw new ChangeRefused(i.mtu() + " is not a valid MTU: use 68 to 65535 (1500 on most LANs, up to 9000 "
                    + "with jumbo frames)");
        }
        int from = link.mtu().orElseThrow(() -> new ChangeRefused("the MTU of " + link.name() + " could not be read"));
        i.confirmWithin().ifPresent(UplinkPlanner::requireConfirmationTime);
        SavedScope scope = SavedScope.choose(s, host, i.scope(), List.of(link.name()), false);
        boolean savedAlready = scope.profile().filter(p -> p.mtu().orElse(-1) == i.mtu()).isPresent();
        if ((from == i.mtu() || !scope.scope().live()) && (!scope.saved() || savedAlready)) {
            throw new ChangeRefused(link.name() + "'s MTU is " + i.mtu() + " already" + (scope.saved() ? ", and saved "
                    + "so in " + scope.profile().get().source() : ""));
        }
        // what runs changes only where it differs: saving the MTU a link runs with already is a change of files
        LinkMtuOp kernel = new LinkMtuOp(link.name(), i.mtu(), from, carriesDefaultRoute(link));
        Optional<LinkMtuOp> live = Optional.of(kernel).filter(op -> scope.scope().live() && from != i.mtu());
        return throughManager(scope, networkd -> networkd.setMtu(i, live), ifupdown -> ifupdown.setMtu(i, live),
                netplan -> netplan.setMtu(i, live), nm -> nm.setMtu(i, kernel))
                .orElseGet(() -> new Plan(i, i.describe() + scope.titleNote(s, host), List.of(live.orElseThrow())));
    }

    Plan createBridge(LinkIntent.CreateBridge i) {
        String name = Input.link(i.name(), "bridge");
        s.link(name).ifPresent(l -> {
            throw new ChangeRefused("a link named " + name + " exists already (a " + l.kind().json() + ")");
        });
        BridgeSettings settings;
        try {
            settings = BridgeSettings.forNewBridge(i.stp(), i.forwardDelay());
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused(e.getMessage());
        }
        SavedScope scope = SavedScope.choose(s, host, i.scope(), List.of(name), true);
        BridgeSettings chosen = settings;
        return throughManager(scope, networkd -> networkd.createBridge(i, chosen),
                ifupdown -> ifupdown.createBridge(i, chosen), netplan -> netplan.createBridge(i, chosen),
                nm -> nm.createBridge(i, chosen)).orElseGet(() -> new Plan(i, i.describe() + scope.titleNote(s, host),
                List.of(new BridgeOp(name, chosen, Optional.of(StableMacs.forLinuxBridge(name)), true),
                        new LinkUpOp(name, true, false))));
    }

    Plan deleteBridge(LinkIntent.DeleteBridge i) {
        Link bridge = link(i.name());
        if (bridge.kind() != LinkKind.BRIDGE) {
            throw new ChangeRefused(bridge.name() + " is a " + bridge.kind().json() + ", not a bridge");
        }
        s.networkOnBridge(bridge.name()).ifPresent(n -> {
            throw new ChangeRefused("libvirt network '" + n.name() + "' uses bridge " + bridge.name()
                    + ": delete the network or switch its mode first");
        });
        List<String> guests = s.guests().stream().filter(g -> g.nics().stream().anyMatch(n -> n.type() == NicType.BRIDGE
                && n.source().filter(bridge.name()::equals).isPresent())).map(Guest::name).toList();
        if (!guests.isEmpty()) {
            throw new ChangeRefused("guests " + String.join(", ", guests) + " are attached to " + bridge.name()
                    + ": move their NICs elsewhere first");
        }
        if (!bridge.addresses().isEmpty()) {
            throw new ChangeRefused(bridge.name() + " has addresses " + bridge.addresses() + " (it may carry this "
                    + "host's own connection): move or remove them first");
        }
        boolean risky = carriesDefaultRoute(bridge);
        SavedScope scope = SavedScope.choose(s, host, i.scope(), List.of(bridge.name()), false);
        Optional<Plan> saved = throughManager(scope, networkd -> networkd.deleteBridge(i, bridge),
                ifupdown -> ifupdown.deleteBridge(i, bridge), netplan -> netplan.deleteBridge(i, bridge),
                nm -> nm.deleteBridge(i, bridge, risky));
        if (saved.isPresent()) {
            return saved.get();
        }
        List<Operation> ops = new ArrayList<>();
        if (bridge.adminUp()) {
            ops.add(new LinkUpOp(bridge.name(), false, risky));
        }
        s.links().stream().filter(p -> p.master().filter(bridge.name()::equals).isPresent())
                .forEach(p -> ops.add(new LinkMasterOp(p.name(), Optional.empty(), p.master(), carriesDefaultRoute(p))));
        BridgeSettings settings = bridge.bridge().orElse(BridgeSettings.KERNEL_DEFAULT);
        ops.add(new BridgeOp(bridge.name(), settings, bridge.mac(), false));
        return new Plan(i, i.describe() + scope.titleNote(s, host), ops);
    }

    /** The plan of the manager that saves the change, each planned its own way; empty: none does (live only). */
    private Optional<Plan> throughManager(SavedScope scope, Function<NetworkdPlanner, Plan> networkd,
                                          Function<IfupdownPlanner, Plan> ifupdown,
                                          Function<NetplanPlanner, Plan> netplan, Function<NmPlanner, Plan> nm) {
        return switch (scope.manager()) {
            case NONE -> Optional.empty();
            case NETWORKD -> Optional.of(networkd.apply(new NetworkdPlanner(host, scope)));
            case IFUPDOWN -> Optional.of(ifupdown.apply(new IfupdownPlanner(s, host, scope)));
            case NETPLAN -> Optional.of(netplan.apply(new NetplanPlanner(s, host, scope)));
            case NETWORK_MANAGER -> Optional.of(nm.apply(new NmPlanner(s, host, scope)));
        };
    }

    private Link link(String name) {
        return new Lookup(s).link(name, "link");
    }

    /**
     * The link carries the default route or stands under the one that does (a VLAN's parent, a bond's slave), or is
     * the bridge/bond above (or any port below) it.
     */
    boolean carriesDefaultRoute(Link link) {
        return dev.virtwire.model.Uplinks.of(s).carriesDefaultRoute(link) || s.defaultRouteLink().map(d -> d.name().equals(link.name())
                || d.master().filter(link.name()::equals).isPresent()
                || link.master().filter(d.name()::equals).isPresent()).orElse(false);
    }
}
