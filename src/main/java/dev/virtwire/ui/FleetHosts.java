package dev.virtwire.ui;

import dev.virtwire.host.Host;
import dev.virtwire.host.exec.Background;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.model.HostSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.application.Platform;

/**
 * The hosts of a fleet in the window: each opened and read on a thread of its own and then watched, so a host that
 * is slow or down holds up none of the others; once its live updates listen it is read again ({@link CatchUp}), as a
 * host tab's is, so a change made while they started is shown. A host that could not be opened, or whose live updates
 * lost it (libvirt closed the connection, its ip monitor ended), is closed and opened again a while later, waiting
 * twice as long after each failed try (up to {@link #LONGEST_WAIT} times the first wait). What each host is now
 * (reading, up with its snapshot, down with the reason) is told on the FX thread.
 */
final class FleetHosts implements AutoCloseable {
    /** What one host of the fleet is now. */
    sealed interface State {
        record Reading() implements State {
        }

        record Up(HostSnapshot snapshot) implements State {
        }

        /**
         * @param retry  when it is tried again
         * @param wasUp  whether it was read before and then lost (its live updates lost the connection), rather than
         *               never reached
         */
        record Down(String reason, Duration retry, boolean wasUp) implements State {
        }
    }

    /**
     * Each host's phases (open, read, watch, read-again: from the watch listening to the second read handed on; and
     * refresh, a read of Refresh handed on) in ms, for the fleet benchmark: {@code fleet timing HOST PHASE MS}.
     */
    static final System.Logger TIMING = System.getLogger("dev.virtwire.ui.FleetTiming");
    /** A host down for long is tried every this many first waits, no less often. */
    static final int LONGEST_WAIT = 8;
    private final ExecutorService opening = Executors.newCachedThreadPool(DaemonThreads.named("virtwire-fleet-host"));
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("virtwire-fleet-retry"));
    private final List<FleetEntry> entries;
    private final Function<FleetEntry, Host> open;
    private final Duration retry;
    private final BiConsumer<FleetEntry, State> told;
    /** FX thread only. */
    private final Map<String, State> states = new LinkedHashMap<>();
    /** The hosts opened and watched, each with its watch's handle: closed together. */
    private final Map<Host, AutoCloseable> opened = new java.util.HashMap<>();
    /** The hosts opened, by name, to read again on Refresh. */
    private final Map<String, Host> readable = new java.util.HashMap<>();
    /** Failed tries in a row, by host: the next wait doubles with each. */
    private final Map<String, Integer> failedTries = new java.util.concurrent.ConcurrentHashMap<>();
    /** The hosts lost since they were last up: still "down", not "unreachable", while their tries fail. */
    private final java.util.Set<String> lostHosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param open  opens one host to read and watch it (throws, saying why, when it cannot)
     * @param retry how long a host that could not be opened waits before it is tried again
     * @param told  each host's new state, on the FX thread
     */
    FleetHosts(List<FleetEntry> entries, Function<FleetEntry, Host> open, Duration retry,
               BiConsumer<FleetEntry, State> told) {
        this.entries = List.copyOf(entries);
        this.open = open;
        this.retry = retry;
        this.told = told;
    }

    List<FleetEntry> entries() {
        return entries;
    }

    /** Starts reading every host at once. */
    void start() {
        entries.forEach(e -> {
            tell(e, new State.Reading());
            opening.execute(() -> read(e));
        });
    }

    /** What the host is now (FX thread). */
    private State state(String host) {
        return states.getOrDefault(host, new State.Reading());
    }

    /** The snapshot of a host that is up (FX thread). */
    Optional<HostSnapshot> snapshot(String host) {
        return state(host) instanceof State.Up up ? Optional.of(up.snapshot()) : Optional.empty();
    }

    private void read(FleetEntry entry) {
        Host host;
        HostSnapshot first;
        long start = System.nanoTime();
        try {
            host = open.apply(entry);
        } catch (RuntimeException e) {
            down(entry, why(e));
            return;
        }
        long opened = timed(entry.name(), "open", start);
        try {
            first = host.snapshot();
        } catch (RuntimeException e) {
            host.close();
            down(entry, why(e));
            return;
        }
        long read = timed(entry.name(), "read", opened);
        failedTries.remove(entry.name());
        lostHosts.remove(entry.name());
        // drawn at once: starting its live updates (event sources, a monitor over ssh) must not hold up the picture
        tell(entry, new State.Up(first));
        AtomicBoolean gone = new AtomicBoolean();
        CatchUp catchUp = new CatchUp();
        AutoCloseable watch;
        try {
            watch = host.watch(catchUp.counting(change -> whileWatched(gone,
                    () -> show(entry, new State.Up(change.snapshot())))), why -> {
                        if (gone.compareAndSet(false, true)) {
                            lost(entry, host, why);
                        }
                    });
        } catch (RuntimeException e) {
            gone.set(true);
            host.close();
            lostHosts.add(entry.name());
            down(entry, why(e));
            return;
        }
        long watched = timed(entry.name(), "watch", read);
        if (keep(entry, host, watch, gone)) {
            readAgain(entry, host, catchUp, gone, watched);
        }
    }

    /**
     * Once its live updates listen the host is read again: what changed since its first read was heard by no one. A
     * read that fails loses the host, as its live updates would (its frame may not be right): closed, opened again.
     */
    private void readAgain(FleetEntry entry, Host host, CatchUp catchUp, AtomicBoolean gone, long since) {
        CatchUp.Read again;
        try {
            again = catchUp.readAgain(host);
        } catch (RuntimeException e) {
            if (gone.compareAndSet(false, true)) {
                lost(entry, host, why(e));
            }
            return;
        }
        whileWatched(gone, () -> {
            if (snapshot(entry.name()).map(again::isNewsAfter).orElse(true)) {
                show(entry, new State.Up(again.snapshot()));
            }
        });
        timed(entry.name(), "read-again", since);
    }

    /** @return whether the host is kept open and watched (not lost while its watch started, nor the fleet closed) */
    private synchronized boolean keep(FleetEntry entry, Host host, AutoCloseable watch, AtomicBoolean gone) {
        if (gone.get()) {
            return false; // lost while its watch started: lost() closes it
        }
        opened.put(host, watch);
        readable.put(entry.name(), host);
        if (closed) {
            close();
        }
        return !closed;
    }

    /** The host's live updates lost it: it is closed (a new connection, a new monitor) and opened again later. */
    private void lost(FleetEntry entry, Host host, String why) {
        AutoCloseable watch;
        synchronized (this) {
            readable.remove(entry.name(), host);
            watch = opened.remove(host);
        }
        // a remote host may take a while to close: not on libvirt's event thread, which told the loss
        Background.threads("virtwire-fleet-close-" + entry.name()).execute(() -> closeQuietly(
                watch == null ? List.of(host) : List.of(watch, host)));
        lostHosts.add(entry.name());
        down(entry, why);
    }

    /** The host as it was opened to be read and watched, while it is (any thread). */
    synchronized Optional<Host> opened(String name) {
        return Optional.ofNullable(readable.get(name));
    }

    /**
     * Reads every host that is open again now, each on its own thread; a host that is down is tried again on its
     * own schedule. A read that fails is told to {@code failed} (on the FX thread); the host keeps its picture.
     */
    void refresh(BiConsumer<FleetEntry, RuntimeException> failed) {
        entries.forEach(e -> refresh(e.name(), failed));
    }

    /** As {@link #refresh(BiConsumer)}, for one host (after a change made there). */
    void refresh(String name, BiConsumer<FleetEntry, RuntimeException> failed) {
        opened(name).ifPresent(host -> entries.stream().filter(e -> e.name().equals(name))
                .forEach(e -> opening.execute(() -> {
                    long start = System.nanoTime();
                    HostSnapshot next;
                    try {
                        next = host.snapshot();
                    } catch (RuntimeException problem) {
                        Platform.runLater(() -> failed.accept(e, problem));
                        return;
                    }
                    // asked where the loss is told: a host lost while it was read (and closed) is not told up after
                    onFx(() -> opened(name).filter(h -> h == host).ifPresent(h -> show(e, new State.Up(next))));
                    timed(name, "refresh", start);
                })));
    }

    /** Logs how long a phase of a host took since {@code since}; returns now. */
    static long timed(String host, String phase, long since) {
        long now = System.nanoTime();
        TIMING.log(System.Logger.Level.DEBUG, () -> "fleet timing " + host + " " + phase + " "
                + (now - since) / 1_000_000);
        return now;
    }

    private static String why(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** How long a host waits after this many failed tries in a row: twice as long after each, up to a cap. */
    static Duration waitAfter(Duration first, int failedTries) {
        return first.multipliedBy(Math.min(LONGEST_WAIT, 1L << Math.min(Math.max(failedTries, 1) - 1, 30)));
    }

    private void down(FleetEntry entry, String why) {
        Duration wait = waitAfter(retry, failedTries.merge(entry.name(), 1, Integer::sum));
        boolean wasUp = lostHosts.contains(entry.name());
        tell(entry, new State.Down(why, wait, wasUp));
        try {
            retries.schedule(() -> {
                tell(entry, new State.Reading());
                opening.execute(() -> read(entry));
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException gone) {
            // the fleet was closed meanwhile: nothing to try again for
        }
    }

    private void tell(FleetEntry entry, State state) {
        onFx(() -> show(entry, state));
    }

    /**
     * Runs on the FX thread unless by then the host's watch lost it (a loss is told there after {@code gone} is set):
     * a host lost meanwhile is not told up afterwards.
     */
    private void whileWatched(AtomicBoolean gone, Runnable step) {
        onFx(() -> {
            if (!gone.get()) {
                step.run();
            }
        });
    }

    /** FX thread. */
    private void show(FleetEntry entry, State state) {
        states.put(entry.name(), state);
        told.accept(entry, state);
    }

    /** Runs on the FX thread, unless the fleet is closed by then. */
    private void onFx(Runnable step) {
        if (closed) {
            return;
        }
        Runnable unlessClosed = () -> {
            if (!closed) {
                step.run();
            }
        };
        if (Platform.isFxApplicationThread()) {
            unlessClosed.run();
        } else {
            Platform.runLater(unlessClosed);
        }
    }

    /** Stops reading; the hosts are closed on a thread of their own (a remote one may take a while to go). */
    @Override
    public void close() {
        List<AutoCloseable> going = new ArrayList<>();
        synchronized (this) {
            closed = true;
            retries.shutdownNow();
            opening.shutdownNow();
            opened.forEach((host, watch) -> {
                going.add(watch);
                going.add(host);
            });
            opened.clear();
            readable.clear();
        }
        Background.threads("virtwire-fleet-close").execute(() -> closeQuietly(going));
    }

    private static void closeQuietly(List<AutoCloseable> going) {
        going.forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                // the host is going away; a failing unsubscribe or close changes nothing for the user
            }
        });
    }
}
