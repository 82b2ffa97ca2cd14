package dev.virtwire.host.libvirt;

import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.host.kernel.KernelFacts;
import dev.virtwire.model.HostSnapshot;
import java.util.concurrent.CompletableFuture;

/** Reads a libvirt host keeps for a moment, so that a read right after them does not read again. */
final class RecentReads {
    /** How long a read counts as fresh: within a second, nothing was read or changed since. */
    static final long FRESH_NANOS = 1_000_000_000L;

    private RecentReads() {
    }

    /**
     * Kernel and firewall reads started when the host was opened; used by a snapshot soon after, once.
     *
     * @param linkSettings whether the kernel read includes every link's own settings (not for a host opened for a
     *                     command about some guests, which reads only those of the links on their path)
     */
    record Prefetch(CompletableFuture<KernelFacts> kernel, CompletableFuture<FirewallReader.Reading> firewall,
                    long startedNanos, boolean linkSettings) {
        boolean fresh() {
            return System.nanoTime() - startedNanos < FRESH_NANOS;
        }
    }

    /** The last full read, while nothing was read or changed after it: a watcher starting now can begin from it. */
    record LastRead(HostSnapshot snapshot, long doneNanos) {
        boolean fresh() {
            return System.nanoTime() - doneNanos < FRESH_NANOS;
        }
    }
}
