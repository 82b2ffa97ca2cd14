package dev.virtwire.ui;

import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.HostSnapshot;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The read that catches up with a host's live updates: a window draws its first read before the updates start, and
 * what changed between that read and the moment they listened was heard by no one, so the host is read once more
 * when they listen. That read is news only when no live change was told since it began (the change was read after
 * the updates listened too, maybe after it, and is not undone) and it differs from what is shown (the same host read
 * later is not drawn again). Used by a host tab ({@link HostSession}) and the Fleet tab's hosts ({@link FleetHosts}).
 */
final class CatchUp {
    private final AtomicLong liveChanges = new AtomicLong();

    /** The live updates' listener, counting each change it is told. */
    Consumer<HostChange> counting(Consumer<HostChange> listener) {
        return change -> {
            liveChanges.incrementAndGet();
            listener.accept(change);
        };
    }

    /** Reads the host again (off the FX thread), once its live updates listen. */
    Read readAgain(HostReader host) {
        long before = liveChanges.get();
        return new Read(host.snapshot(), before);
    }

    /** The host read again, with the live changes told before it began. */
    final class Read {
        private final HostSnapshot snapshot;
        private final long liveChangesBefore;

        private Read(HostSnapshot snapshot, long liveChangesBefore) {
            this.snapshot = snapshot;
            this.liveChangesBefore = liveChangesBefore;
        }

        HostSnapshot snapshot() {
            return snapshot;
        }

        /** Whether to show it in place of {@code shown}; asked where what is shown changes (the FX thread). */
        boolean isNewsAfter(HostSnapshot shown) {
            return liveChanges.get() == liveChangesBefore && !shown.withTakenAt(snapshot.takenAt()).equals(snapshot);
        }
    }
}
