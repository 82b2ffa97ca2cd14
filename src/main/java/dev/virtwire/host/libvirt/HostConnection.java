package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.ReadThreads.GUEST_READERS;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.CommandRunner;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.libvirt.LibvirtException;

/**
 * One host's libvirt connection, kept across libvirtd restarts, and the event sources (libvirt's and
 * {@code ip monitor}) that watch the host. libvirtd closes every client connection when it stops or restarts,
 * and a closed connection never comes back: a new one replaces it, and the next snapshot says so. Not
 * thread-safe: {@link LibvirtHost} calls it under its own lock.
 */
final class HostConnection {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final HostAddress address;
    private final LibvirtSession.Opener opener;
    private volatile LibvirtSession session;
    private Optional<Instant> lostSince = Optional.empty();
    /** Gaps said by the kernel's event source, and by the libvirt ones of the current session. */
    private final List<String> eventGaps = new CopyOnWriteArrayList<>();
    private final List<String> libvirtEventGaps = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> watchers = new ArrayList<>();
    private final List<AutoCloseable> libvirtWatchers = new ArrayList<>();
    /** Said once, in the snapshot read right after a reconnect. */
    private final List<String> reconnectGaps = new ArrayList<>();

    HostConnection(HostAddress address, LibvirtSession.Opener opener, LibvirtSession session) {
        this.address = address;
        this.opener = opener;
        this.session = session;
    }

    /** The current libvirt connection (a new one after libvirtd restarted). */
    LibvirtSession session() {
        return session;
    }

    boolean alive() {
        return session.alive();
    }

    /**
     * Opens a new connection when the current one was closed, and moves the libvirt event sources onto it.
     *
     * @return whether it did (what changed while nobody was listening is not known)
     */
    boolean reconnectIfLost(Optional<LiveUpdates> live) {
        if (session.alive()) {
            return false;
        }
        if (lostSince.isEmpty()) {
            lostSince = Optional.of(session.closedAt().orElseGet(Instant::now));
        }
        LibvirtSession fresh;
        try {
            fresh = LibvirtSession.open(opener, address.uri(), GUEST_READERS);
        } catch (LibvirtException e) {
            throw LibvirtErrors.lost(address.uri(), clock(lostSince.get()), e);
        }
        closeLibvirtWatchers();
        session.close();
        session = fresh;
        reconnectGaps.add("libvirt connection was lost at " + clock(lostSince.get()) + " and re-established");
        lostSince = Optional.empty();
        live.ifPresent(updates -> {
            libvirtWatchers.addAll(ChangeSources.startLibvirt(fresh.connection, updates, libvirtEventGaps));
            fresh.whenClosed(updates::lost);
        });
        return true;
    }

    /** HH:mm:ss always (LocalTime.toString drops ":00" seconds). */
    private static String clock(Instant when) {
        return CLOCK.format(LocalTime.ofInstant(when, ZoneId.systemDefault()));
    }

    /** A host opened only to read (no event loop then) gets a new connection that hears libvirt's events. */
    void hearEvents() {
        if (session.hearsEvents) {
            return;
        }
        LibvirtLibrary.startEvents();
        try {
            LibvirtSession fresh = LibvirtSession.open(opener, address.uri(), GUEST_READERS);
            session.close();
            session = fresh;
        } catch (LibvirtException e) {
            throw LibvirtErrors.connect(address.uri(), e);
        }
    }

    /** Starts libvirt's event sources and {@code ip monitor}, which tell {@code live}. */
    void startEvents(LiveUpdates live, CommandRunner runner) {
        libvirtWatchers.addAll(ChangeSources.startLibvirt(session.connection, live, libvirtEventGaps));
        session.whenClosed(live::lost);
        watchers.addAll(ChangeSources.startKernel(runner, live, eventGaps));
    }

    /** What the event sources could not hear, then (once) the reconnects since the last snapshot. */
    List<String> takeGaps() {
        List<String> gaps = new ArrayList<>(eventGaps);
        gaps.addAll(libvirtEventGaps);
        gaps.addAll(reconnectGaps);
        reconnectGaps.clear();
        return gaps;
    }

    void stopEvents() {
        closeAll(watchers);
        closeLibvirtWatchers();
    }

    void close() {
        session.close();
    }

    private void closeLibvirtWatchers() {
        closeAll(libvirtWatchers);
        libvirtEventGaps.clear();
    }

    private static void closeAll(List<AutoCloseable> handles) {
        for (AutoCloseable w : handles) {
            try {
                w.close();
            } catch (Exception e) {
                // closing is best effort: the connection goes next anyway
            }
        }
        handles.clear();
    }
}
