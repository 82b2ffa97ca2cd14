package dev.virtwire.host.libvirt;

import dev.virtwire.host.kernel.KernelFacts;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** How a libvirt host's kernel is read: all of it, or only its links again. */
record KernelSource(Supplier<KernelFacts> all, UnaryOperator<KernelFacts> links) {
    /** A kernel that does not change (recorded outputs). */
    static KernelSource fixed(KernelFacts facts) {
        return new KernelSource(() -> facts, previous -> facts);
    }
}
