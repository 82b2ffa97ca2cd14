package dev.virtwire.ui;

import dev.virtwire.host.Host;
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
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.application.Platform;

/**
 * The hosts of a fleet in the window: each opened and read on a thread of its own and then watched, so a host that
 * is slow or down holds up none of the others; a host that could not be opened is tried again a while later. What
 * each host is now (reading, up with its snapshot, down with the reason) is told on the FX thread.
 */
final class FleetHosts implements AutoCloseable {
    /** What one host of the fleet is now. */
    sealed interface State {
        record Reading() implements State {
        }

        record Up(HostSnapshot snapshot) implements State {
        }

        /** @param retry when it is tried again */
        record Down(String reason, Duration retry) implements State {
        }
    }

    private final ExecutorService opening = Executors.newCachedThreadPool(DaemonThreads.named("virtwire-fleet-host"));
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("virtwire-fleet-retry"));
    private final List<FleetEntry> entries;
    private final Function<FleetEntry, Host> open;
    private final Duration retry;
    private final BiConsumer<FleetEntry, State> told;
    /** FX thread only. */
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** The hosts opened, by name, to read again on Refresh. */
    private final Map<String, Host> readable = new java.util.HashMap<>();
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
        try {
            host = open.apply(entry);
        } catch (RuntimeException e) {
            down(entry, e);
            return;
        }
        try {
            first = host.snapshot();
        } catch (RuntimeException e) {
            host.close();
            down(entry, e);
            return;
        }
        // drawn at once: starting its live updates (event sources, a monitor over ssh) must not hold up the picture
        tell(entry, new State.Up(first));
        try {
            AutoCloseable watch = host.watch(change -> tell(entry, new State.Up(change.snapshot())));
            keep(entry, host, watch);
        } catch (RuntimeException e) {
            host.close();
            down(entry, e);
        }
    }

    private synchronized void keep(FleetEntry entry, Host host, AutoCloseable watch) {
        opened.add(watch);
        opened.add(host);
        readable.put(entry.name(), host);
        if (closed) {
            close();
        }
    }

    /**
     * Reads every host that is open again now, each on its own thread; a host that is down is tried again on its
     * own schedule. A read that fails is told to {@code failed} (on the FX thread); the host keeps its picture.
     */
    void refresh(BiConsumer<FleetEntry, RuntimeException> failed) {
        Map<String, Host> now;
        synchronized (this) {
            now = Map.copyOf(readable);
        }
        entries.stream().filter(e -> now.containsKey(e.name())).forEach(e -> opening.execute(() -> {
            try {
                tell(e, new State.Up(now.get(e.name()).snapshot()));
            } catch (RuntimeException problem) {
                Platform.runLater(() -> failed.accept(e, problem));
            }
        }));
    }

    private void down(FleetEntry entry, RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        tell(entry, new State.Down(why, retry));
        try {
            retries.schedule(() -> {
                tell(entry, new State.Reading());
                opening.execute(() -> read(entry));
            }, retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException gone) {
            // the fleet was closed meanwhile: nothing to try again for
        }
    }

    private void tell(FleetEntry entry, State state) {
        if (closed) {
            return;
        }
        Runnable say = () -> {
            states.put(entry.name(), state);
            told.accept(entry, state);
        };
        if (Platform.isFxApplicationThread()) {
            say.run();
        } else {
            Platform.runLater(say);
        }
    }

    /** Stops reading; the hosts are closed on a thread of their own (a remote one may take a while to go). */
    @Override
    public void close() {
        List<AutoCloseable> going;
        synchronized (this) {
            closed = true;
            retries.shutdownNow();
            opening.shutdownNow();
            going = List.copyOf(opened);
            opened.clear();
            readable.clear();
        }
        DaemonThreads.named("virtwire-fleet-close").newThread(() -> going.forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                // the host is going away; a failing unsubscribe or close changes nothing for the user
            }
        })).start();
    }
}
