package dev.virtwire.change;

import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Optional;

/**
 * What planning an intent looks at, as subjects ({@link dev.virtwire.host.Subjects}), for the everyday intents
 * whose planner reads only a few objects; empty when a planner may look at anything (a read of everything).
 */
final class IntentSubjects {
    /** The kernel's links and routes: which link carries the default route, which bridge leads to the LAN. */
    private static final String KERNEL = "route:default";

    private IntentSubjects() {
    }

    static Optional<List<String>> of(Intent intent) {
        if (intent instanceof Intent.AttachNic i) {
            return Optional.of(List.of("guest:" + i.guest(),
                    (i.type() == NicType.NETWORK ? "network:" : "link:") + i.source()));
        } else if (intent instanceof Intent.SetNicLink i) {
            return Optional.of(List.of("guest:" + i.guest()));
        } else if (intent instanceof Intent.SwitchToNat i) {
            return Optional.of(List.of("guest:" + i.guest(), "network:" + i.network().orElse("default")));
        } else if (intent instanceof Intent.SwitchToBridged i) {
            return Optional.of(List.of("guest:" + i.guest(), KERNEL));
        } else if (intent instanceof Intent.SetLinkUp || intent instanceof Intent.SetLinkMaster
                || intent instanceof Intent.SetLinkMtu) {
            return Optional.of(List.of(KERNEL));
        } else if (intent instanceof Intent.SetIpForward) {
            return Optional.of(List.of("sysctl:net.ipv4.ip_forward"));
        } else if (intent instanceof Intent.CreateBridge i) {
            return Optional.of(List.of("link:" + i.name()));
        }
        return Optional.empty();
    }
}
