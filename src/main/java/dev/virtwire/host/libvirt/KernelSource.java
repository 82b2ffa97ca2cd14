package dev.virtwire.host.libvirt;

import dev.virtwire.host.kernel.KernelFacts;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How a libvirt host's kernel is read: all of it; only its links again; or, for a command about some guests,
 * all but the links' own settings, then those of the links on the guests' path.
 */
record KernelSource(Supplier<KernelFacts> all, UnaryOperator<KernelFacts> links,
                    Supplier<KernelFacts> withoutLinkSettings,
                    BiFunction<KernelFacts, Set<String>, KernelFacts> settingsOf) {
    /** A kernel that does not change (recorded outputs): every read is the same facts. */
    static KernelSource fixed(KernelFacts facts) {
        return new KernelSource(() -> facts, previous -> facts, () -> facts, (base, links) -> facts);
    }
}
