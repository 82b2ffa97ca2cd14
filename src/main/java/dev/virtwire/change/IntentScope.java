package dev.virtwire.change;

import dev.virtwire.host.ReadScope;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What planning an intent looks at, for the everyday intents whose planner reads only a few objects; empty
 * when a planner may look at anything (a read of everything).
 */
final class IntentScope {
    /** The kernel's links and routes: which link carries the default route, which bridge leads to the LAN. */
    private static final Id DEFAULT_ROUTE = new Id.Route("default");

    private IntentScope() {
    }

    static Optional<ReadScope> of(Intent intent) {
        return ids(intent).map(ReadScope::of);
    }

    /**
     * The guests an intent is about when its planner looks at no other guest (moving a NIC, setting its link; none
     * at all for a link's state, MTU or bridge port, IP forwarding, a new bridge): it may plan on a read without the
     * others. Empty when the planner may look at any guest (deleting a bridge names the guests on it, restarting a
     * network plugs its guests' taps back).
     */
    static Optional<Set<String>> guests(Intent intent) {
        if (intent instanceof LinkIntent.SetLinkUp || intent instanceof LinkIntent.SetLinkMaster
                || intent instanceof LinkIntent.SetLinkMtu || intent instanceof SysctlIntent.SetIpForward
                || intent instanceof LinkIntent.CreateBridge) {
            return Optional.of(Set.of());
        }
        if (intent instanceof GuestIntent.AttachNic i) {
            return Optional.of(Set.of(i.guest()));
        } else if (intent instanceof GuestIntent.SetNicLink i) {
            return Optional.of(Set.of(i.guest()));
        } else if (intent instanceof GuestIntent.SetNicMac i) {
            return Optional.of(Set.of(i.guest()));
        } else if (intent instanceof GuestIntent.SwitchToNat i) {
            return Optional.of(Set.of(i.guest()));
        } else if (intent instanceof GuestIntent.SwitchToBridged i) {
            return Optional.of(Set.of(i.guest()));
        }
        return Optional.empty();
    }

    private static Optional<List<Id>> ids(Intent intent) {
        if (intent instanceof GuestIntent.AttachNic i) {
            return Optional.of(List.of(new Id.Guest(i.guest()),
                    i.type() == NicType.NETWORK ? new Id.Network(i.source()) : new Id.Link(i.source())));
        } else if (intent instanceof GuestIntent.SetNicLink i) {
            return Optional.of(List.of(new Id.Guest(i.guest())));
        } else if (intent instanceof GuestIntent.SetNicMac i) {
            return Optional.of(List.of(new Id.Guest(i.guest())));
        } else if (intent instanceof GuestIntent.SwitchToNat i) {
            return Optional.of(List.of(new Id.Guest(i.guest()), new Id.Network(i.network().orElse("default"))));
        } else if (intent instanceof GuestIntent.SwitchToBridged i) {
            return Optional.of(List.of(new Id.Guest(i.guest()), DEFAULT_ROUTE));
        } else if (intent instanceof LinkIntent.SetLinkUp || intent instanceof LinkIntent.SetLinkMaster
                || intent instanceof LinkIntent.SetLinkMtu) {
            return Optional.of(List.of(DEFAULT_ROUTE));
        } else if (intent instanceof SysctlIntent.SetIpForward) {
            return Optional.of(List.of(new Id.Sysctl("net.ipv4.ip_forward")));
        } else if (intent instanceof SysctlIntent.SetIpv6Conf i) {
            return Optional.of(List.of(new Id.Sysctl(SysctlConf.ipv6Key(i.link(), i.key()))));
        } else if (intent instanceof LinkIntent.CreateBridge i) {
            return Optional.of(List.of(new Id.Link(i.name())));
        }
        return Optional.empty();
    }
}
