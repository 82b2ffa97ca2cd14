package dev.virtwire.diagnose;

import java.time.Duration;
import java.util.List;

/**
 * A bridge's forwarding table read several times over {@code span}: a MAC that two devices send from flaps
 * between their ports, and a single read shows only whichever of them spoke last.
 */
public record FdbReads(List<ProbeRun> reads, Duration span) {
    public FdbReads {
        reads = List.copyOf(reads);
    }

    /** One read: what a probe that cannot sample answers. */
    public static FdbReads once(ProbeRun read) {
        return new FdbReads(List.of(read), Duration.ZERO);
    }
}
