package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostException;
import dev.virtwire.host.ReadScope;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns "something changed" signals (libvirt events, {@code ip monitor} lines) into HostChanges. Signals are
 * collected for a short moment, then only the parts they name are read again, once, and listeners get the
 * nodes that differ.
 */
final class LiveUpdates implements AutoCloseable {
    /** Long enough to fold a burst (a guest start is a dozen kernel events), short enough for "within 1 s". */
    static final long COALESCE_MS = 60;
    /** A read that failed (a busy or briefly unreachable host) is tried again this much later, a few times. */
    static final long RETRY_MS = 1000;
    private static final int RETRIES = 3;
    /** "5: vnet0: <...>", "Deleted 5: vnet0@if4: ...", "3: eth0    inet 10.0.0.1/24 ..." from ip monitor. */
    private static final Pattern MONITOR_LINK = Pattern.compile("^(?:Deleted )?\\d+: ([^:@\\s]+)");
    /** "192.168.122.50 dev virbr0 lladdr 52:54:00:12:34:56 REACHABLE". */
    private static final Pattern MONITOR_NEIGH = Pattern.compile(
            "^(?:Deleted )?(\\d+\\.\\d+\\.\\d+\\.\\d+) dev \\S+ lladdr ([0-9a-f:]{17})");

    private final Function<ReadScope, HostSnapshot> refresh;
    private final List<Consumer<HostChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> lostListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "virtwire host refresh");
        t.setDaemon(true);
        return t;
    });
    private boolean scheduled;
    /** What the signals so far ask to read again, at the next refresh. */
    private ReadScope pending = ReadScope.NOTHING;
    private volatile HostSnapshot last;
    /** Failed reads in a row: what they were to read is kept for the next try. */
    private int failures;

    LiveUpdates(Function<ReadScope, HostSnapshot> refresh, HostSnapshot first) {
        this.refresh = refresh;
        this.last = first;
    }

    AutoCloseable add(Consumer<HostChange> listener) {
        return add(listener, why -> {
        });
    }

    AutoCloseable add(Consumer<HostChange> listener, Consumer<String> lost) {
        listeners.add(listener);
        lostListeners.add(lost);
        return () -> {
            listeners.remove(listener);
            lostListeners.remove(lost);
        };
    }

    /** A source of signals lost the host (libvirt closed the connection, ip monitor ended): changes go unheard. */
    void lost(String why) {
        for (Consumer<String> l : lostListeners) {
            try {
                l.accept(why);
            } catch (RuntimeException e) {
                // one failing listener must not keep the others from hearing it
            }
        }
    }

    /** Nobody hears anything from now on: the host is being closed, its sources' ends are no loss. */
    void quiet() {
        listeners.clear();
        lostListeners.clear();
    }

    /**
     * A line of {@code ip monitor link address route neigh}. Neighbour lines matter only when they show a
     * guest NIC at an address the model does not have yet (it just got a lease): ARP churn is ignored.
     */
    void kernelSaid(String line) {
        if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
            return; // a continuation ("    link/ether ...") of the line that named the link
        }
        Matcher neigh = MONITOR_NEIGH.matcher(line);
        if (neigh.find()) {
            String ip = neigh.group(1);
            String mac = neigh.group(2);
            var guest = last.guests().stream().filter(g -> g.nics().stream().anyMatch(n -> n.mac().equals(mac)
                    && n.addresses().stream().noneMatch(a -> a.ip().equals(ip) || a.ip().startsWith(ip + "/"))))
                    .findFirst();
            if (guest.isEmpty()) {
                return;
            }
            ask(ReadScope.KERNEL.with(ReadScope.ofGuest(guest.get().name())));
            return;
        }
        Matcher m = MONITOR_LINK.matcher(line);
        // a link or address line: the links are read again; a route (or something new): the whole kernel
        ask(m.find() ? ReadScope.ofLinkSeen(m.group(1)) : ReadScope.KERNEL);
    }

    /** The kernel changed in ways no line said (a guest started or stopped: its taps came or went). */
    void kernelChanged() {
        ask(ReadScope.KERNEL);
    }

    void guestChanged(String name) {
        ask(name.isEmpty() ? ReadScope.EVERYTHING : ReadScope.ofGuest(name));
    }

    /** A network started, stopped, appeared or went: its bridge and firewall rules change too. */
    void networksChanged() {
        ask(ReadScope.ofAllNetworks());
    }

    /**
     * After Virtwire's own change: what it names is read again, as after any other signal (a network's bridge
     * and firewall rules with it). A whole read there would hold the host for every guest's XML, and a change
     * that follows at once (an undo) would wait for it.
     */
    void changed(ReadScope what) {
        ask(what.readsNetworks() ? what.with(ReadScope.ofAllNetworks()) : what);
    }

    /** The kernel changed in ways no line will say, found out by reading it again a little later. */
    void kernelChangedIn(long millis) {
        worker.schedule(this::kernelChanged, millis, TimeUnit.MILLISECONDS);
    }

    /** After a reconnect, or whenever the parts concerned are not known. */
    void everythingChanged() {
        ask(ReadScope.EVERYTHING);
    }

    private synchronized void ask(ReadScope more) {
        pending = pending.with(more);
        scheduleIn(COALESCE_MS);
    }

    private synchronized void scheduleIn(long millis) {
        if (!scheduled) {
            scheduled = true;
            worker.schedule(this::refresh, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** A failed read's parts go back into the next one, which comes a little later unless it failed too often. */
    private synchronized void retry(ReadScope failed) {
        pending = pending.with(failed);
        if (++failures <= RETRIES) {
            scheduleIn(RETRY_MS);
        }
    }

    private void refresh() {
        ReadScope asked;
        synchronized (this) {
            asked = pending;
            pending = ReadScope.NOTHING;
            scheduled = false;
        }
        HostSnapshot now;
        try {
            now = refresh.apply(asked);
        } catch (HostException | IllegalStateException e) {
            retry(asked); // and snapshot() callers see the error itself
            return;
        }
        synchronized (this) {
            failures = 0;
        }
        HostSnapshot before = last;
        last = now;
        if (SnapshotDiff.same(before, now)) {
            return;
        }
        HostChange change = new HostChange(now, SnapshotDiff.touched(before, now));
        for (Consumer<HostChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                // one failing listener must not starve the others
            }
        }
    }

    @Override
    public void close() {
        quiet();
        worker.shutdownNow();
    }
}
