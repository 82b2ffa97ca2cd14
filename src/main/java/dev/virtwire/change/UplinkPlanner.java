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
import dev.virtwire.model.LinkOwner;
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

    /**
     * The steps of bridging a NIC, in two parts: the bridge made ready (created with its MAC, or given the NIC's
     * MAC, and set up), then the NIC put into it with its addresses and routes moved over.
     */
    record Steps(List<Operation> bridgeReady, List<Operation> nicMoved) {
        List<Operation> all() {
            List<Operation> all = new ArrayList<>(bridgeReady);
            all.addAll(nicMoved);
            return all;
        }
    }

    Plan bridgeUplink(LinkIntent.BridgeUplink i) {
        Link nic = checkedNic(i);
        SavedScope scope = SavedScope.choose(s, host, i.scope(), List.of(nic.name()), false);
        if (scope.saved()) {
            String bridgeName = Input.link(i.bridge(), "bridge");
            if (s.link(bridgeName).isPresent()) {
                throw new ChangeRefused(bridgeName + " exists already: through " + scope.manager() + " the uplink "
                        + "is bridged into a new bridge; choose a name no link has");
            }
            if (scope.manager() == LinkOwner.IFUPDOWN) {
                return new IfupdownPlanner(s, host, scope).bridgeUplink(i, nic, bridgeName);
            }
            if (scope.manager() == LinkOwner.NETWORKD) {
                return new NetworkdPlanner(host, scope).bridgeUplink(i, nic, bridgeName);
            }
            if (scope.manager() == LinkOwner.NETPLAN) {
                return new NetplanPlanner(s, host, scope).bridgeUplink(i, nic, bridgeName);
            }
            return new NmPlanner(s, host, scope).bridgeUplink(i, nic, bridgeName,
                    i.moveMac() ? nic.mac() : Optional.empty());
        }
        Steps steps = steps(i);
        return new Plan(i, i.describe() + " (confirm within " + i.confirmWithinSeconds() + " s)"
                + scope.titleNote(s, host), underRevertTimer(i.confirmWithinSeconds(), steps.all()));
    }

    /**
     * The kernel steps of {@link #bridgeUplink} (live only), checked against the host as the snapshot shows it;
     * no timer yet.
     */
    Steps steps(LinkIntent.BridgeUplink i) {
        Link nic = checkedNic(i);
        String bridgeName = Input.link(i.bridge(), "bridge");
        Optional<Link> existing = s.link(bridgeName);
        existing.ifPresent(b -> requireUsableBridge(b));

        List<Operation> ready = new ArrayList<>();
        Optional<String> mac = i.moveMac() ? nic.mac() : Optional.empty();
        if (existing.isEmpty()) {
            ready.add(new BridgeOp(bridgeName, BridgeSettings.KERNEL_DEFAULT,
                    mac.or(() -> Optional.of(StableMacs.forLinuxBridge(bridgeName))), true));
        } else if (mac.isPresent() && !mac.equals(existing.get().mac())) {
            ready.add(new LinkMacOp(bridgeName, mac.get(), existing.get().mac().orElseThrow(() -> new ChangeRefused(
                    "the MAC of " + bridgeName + " could not be read, so it could not be restored: bridge without "
                            + "moving the MAC"))));
        }
        if (existing.map(b -> !b.adminUp()).orElse(true)) {
            ready.add(new LinkUpOp(bridgeName, true, true));
        }
        List<Operation> moved = new ArrayList<>();
        moved.add(new LinkMasterOp(nic.name(), Optional.of(bridgeName), Optional.empty(), true));
        // prefix routes come and go with their addresses (the kernel's doing); the others move explicitly
        List<Route> routes = s.routes().stream().filter(r -> r.device().filter(nic.name()::equals).isPresent())
                .filter(r -> !isPrefixRoute(r, nic)).sorted(Comparator.comparing((Route r) -> !r.isDefault())).toList();
        routes.forEach(r -> moved.add(new RouteOp(r, false)));
        nic.addresses().forEach(a -> moved.add(new AddressOp(nic.name(), a, false, true, prefixMetric(nic, a))));
        nic.addresses().forEach(a -> moved.add(new AddressOp(bridgeName, a, true, true, prefixMetric(nic, a))));
        for (int k = routes.size() - 1; k >= 0; k--) {
            Route r = routes.get(k);
            moved.add(new RouteOp(new Route(r.destination(), r.gateway(), Optional.of(bridgeName), r.metric()), true));
        }
        return new Steps(ready, moved);
    }

    /** A watchdog armed in front of these kernel steps, that takes them all back unless confirmed in time. */
    static List<Operation> underRevertTimer(int seconds, List<Operation> change) {
        List<String> revert = RevertTimer.revertBatch(change).orElseThrow(() -> new IllegalStateException(
                "every step under the revert timer must be a kernel step"));
        List<Operation> ops = new ArrayList<>();
        ops.add(new RevertWatchdogOp(UUID.randomUUID().toString(), seconds, revert, true));
        ops.addAll(change);
        return ops;
    }

    /** The NIC to bridge: one that leads off the host, in no bridge yet, with a usable confirmation time. */
    private Link checkedNic(LinkIntent.BridgeUplink i) {
        Link nic = new Lookup(s).link(i.nic(), "NIC");
        if (!dev.virtwire.model.Uplinks.of(s).leadsOffHost(nic)) {
            throw new ChangeRefused(nic.name() + " is a " + nic.kind().json() + " that does not lead off the host: "
                    + "the uplink of a bridge is a physical NIC, or a bond or VLAN over one");
        }
        nic.master().ifPresent(m -> {
            throw new ChangeRefused(nic.name() + " is a port of " + m + " already");
        });
        requireConfirmationTime(i.confirmWithinSeconds());
        return nic;
    }

    static void requireConfirmationTime(int seconds) {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new ChangeRefused(seconds + " s is not a usable confirmation time: use " + MIN_SECONDS + " to "
                    + MAX_SECONDS + " seconds");
        }
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
        new Lookup(s).requireOwnBridge(bridge);
        if (!bridge.addresses().isEmpty()) {
            throw new ChangeRefused(bridge.name() + " has addresses " + bridge.addresses() + " already: moving the "
                    + "uplink's addresses there would give the host two ways out");
        }
    }
}
