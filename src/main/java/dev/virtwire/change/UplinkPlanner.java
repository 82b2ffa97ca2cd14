package dev.virtwire.change;

import dev.virtwire.change.op.AddressOp;
import dev.virtwire.change.op.BridgeOp;
import dev.virtwire.change.op.LinkMacOp;
import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.LinkUpOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.RevertWatchdogOp;
import dev.virtwire.change.op.RouteOp;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans "bridge the uplink": a host NIC goes into a bridge and its addresses and routes (and optionally its
 * MAC) move to the bridge, so guests can join the LAN. This can cut the host off its network, so the first
 * step arms a watchdog on the host that undoes everything after it unless the user confirms in time.
 */
final class UplinkPlanner {
    static final int MIN_SECONDS = 10;
    static final int MAX_SECONDS = 600;

    private final HostSnapshot s;
    private final dev.virtwire.host.HostReader host;

    UplinkPlanner(HostSnapshot snapshot, dev.virtwire.host.HostReader host) {
        this.s = snapshot;
        this.host = host;
    }

    Plan bridgeUplink(Intent.BridgeUplink i) {
        Link nic = new Lookup(s).link(i.nic(), "NIC");
        if (!dev.virtwire.model.Uplinks.of(s).leadsOffHost(nic)) {
            throw new ChangeRefused(nic.name() + " is a " + nic.kind().json() + " that does not lead off the host: "
                    + "the uplink of a bridge is a physical NIC, or a bond or VLAN over one");
        }
        nic.master().ifPresent(m -> {
            throw new ChangeRefused(nic.name() + " is a port of " + m + " already");
        });
        if (i.confirmWithinSeconds() < MIN_SECONDS || i.confirmWithinSeconds() > MAX_SECONDS) {
            throw new ChangeRefused(i.confirmWithinSeconds() + " s is not a usable confirmation time: use " + MIN_SECONDS
                    + " to " + MAX_SECONDS + " seconds");
        }
        String bridgeName = Input.link(i.bridge(), "bridge");
        Optional<Link> existing = s.link(bridgeName);
        existing.ifPresent(b -> requireUsableBridge(b));

        Optional<String> mac = i.moveMac() ? nic.mac() : Optional.empty();
        SavedScope scope = SavedScope.choose(s, host, i.scope(), List.of(nic.name()), false);
        if (scope.saved()) {
            if (existing.isPresent()) {
                throw new ChangeRefused(bridgeName + " exists already: through " + scope.manager() + " the uplink "
                        + "is bridged into a new bridge; choose a name no link has");
            }
            return new NmPlanner(s, host, scope).bridgeUplink(i, nic, bridgeName, mac);
        }
        List<Operation> change = new ArrayList<>();
        if (existing.isEmpty()) {
            change.add(new BridgeOp(bridgeName, BridgeSettings.KERNEL_DEFAULT,
                    mac.or(() -> Optional.of(StableMacs.forLinuxBridge(bridgeName))), true));
        } else if (mac.isPresent() && !mac.equals(existing.get().mac())) {
            change.add(new LinkMacOp(bridgeName, mac.get(), existing.get().mac().orElseThrow(() -> new ChangeRefused(
                    "the MAC of " + bridgeName + " could not be read, so it could not be restored: bridge without "
                            + "moving the MAC"))));
        }
        if (existing.map(b -> !b.adminUp()).orElse(true)) {
            change.add(new LinkUpOp(bridgeName, true, true));
        }
        change.add(new LinkMasterOp(nic.name(), Optional.of(bridgeName), Optional.empty(), true));
        // prefix routes come and go with their addresses (the kernel's doing); the others move explicitly
        List<Route> routes = s.routes().stream().filter(r -> r.device().filter(nic.name()::equals).isPresent())
                .filter(r -> !isPrefixRoute(r, nic)).sorted(Comparator.comparing((Route r) -> !r.isDefault())).toList();
        routes.forEach(r -> change.add(new RouteOp(r, false)));
        nic.addresses().forEach(a -> change.add(new AddressOp(nic.name(), a, false, true, prefixMetric(nic, a))));
        nic.addresses().forEach(a -> change.add(new AddressOp(bridgeName, a, true, true, prefixMetric(nic, a))));
        for (int k = routes.size() - 1; k >= 0; k--) {
            Route r = routes.get(k);
            change.add(new RouteOp(new Route(r.destination(), r.gateway(), Optional.of(bridgeName), r.metric()), true));
        }

        List<String> revert = RevertTimer.revertBatch(change).orElseThrow(() -> new IllegalStateException(
                "every step of bridging the uplink must be a kernel step"));
        List<Operation> ops = new ArrayList<>();
        ops.add(new RevertWatchdogOp(UUID.randomUUID().toString(), i.confirmWithinSeconds(), revert, true));
        ops.addAll(change);
        return new Plan(i, i.describe() + " (confirm within " + i.confirmWithinSeconds() + " s)" + scope.titleNote(s, host),
                ops);
    }

    private static boolean isPrefixRoute(Route r, Link nic) {
        return r.gateway().isEmpty() && nic.addresses().stream()
                .anyMatch(a -> dev.virtwire.model.Ipv4.parse(a).network().toString().equals(r.destination()));
    }

    /** The metric of the address's prefix route on the NIC, to give the same one on the bridge. */
    private Optional<Integer> prefixMetric(Link nic, String address) {
        String subnet = dev.virtwire.model.Ipv4.parse(address).network().toString();
        return s.routes().stream().filter(r -> r.destination().equals(subnet) && r.gateway().isEmpty()
                        && r.device().filter(nic.name()::equals).isPresent())
                .findFirst().flatMap(r -> r.metric().isPresent() ? Optional.of(r.metric().getAsInt()) : Optional.empty());
    }

    private void requireUsableBridge(Link bridge) {
        if (bridge.kind() != LinkKind.BRIDGE) {
            throw new ChangeRefused(bridge.name() + " is a " + bridge.kind().json() + ", not a bridge: choose another "
                    + "name for the new bridge");
        }
        s.networkOnBridge(bridge.name()).filter(n -> n.mode() != NetworkMode.BRIDGE).ifPresent(n -> {
            throw new ChangeRefused(bridge.name() + " belongs to libvirt network '" + n.name() + "' ("
                    + n.mode().json() + "): libvirt owns it; use a bridge of your own");
        });
        if (!bridge.addresses().isEmpty()) {
            throw new ChangeRefused(bridge.name() + " has addresses " + bridge.addresses() + " already: moving the "
                    + "uplink's addresses there would give the host two ways out");
        }
    }
}
