package dev.virtwire.host.kernel;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.KernelSettings;
import java.util.Set;

/** A whole read narrowed as a read about its guests has it: the own settings of the links on their path alone. */
public final class OnlyPathSettings {
    private OnlyPathSettings() {
    }

    /** {@code whole}'s settings of the links on the path of {@code about}'s guests (and IPv6's all and default). */
    public static KernelSettings of(HostSnapshot whole, HostSnapshot about) {
        Set<String> path = LinksOnPath.of(about);
        KernelSettings k = whole.kernel();
        return new KernelSettings(k.ipForward(), k.bridgeNfCallIptables(), k.bridgeNfCallIp6tables(),
                k.bridgeNfCallArptables(), k.notForwarding().stream().filter(path::contains).toList(),
                k.ipv6().stream().filter(c -> path.contains(c.name()) || c.name().equals("all")
                        || c.name().equals("default")).toList());
    }
}
