package dev.virtwire.host.libvirt;

import com.sun.jna.Pointer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.libvirt.LibvirtException;
import org.libvirt.event.ConnectionCloseReason;

/**
 * One libvirt connection of an open host and what reads and writes over it. When libvirtd stops or restarts the
 * connection is dead for good: the host replaces the whole session, so nothing keeps a stale connection.
 */
final class LibvirtSession {
    /** A call on a dead connection fails at once; on a live one libvirt's keepalive bounds it. */
    private static final long CLOSE_WAIT_S = 30;

    /** Opens a connection to a URI: libvirt itself, or (in tests) one whose connections the test can break. */
    @FunctionalInterface
    interface Opener {
        LibvirtConnection open(String uri) throws LibvirtException;
    }

    final LibvirtConnection connection;
    final LibvirtReader reader;
    final GuestWriter guests;
    final NetworkWriter networks;
    /** Whether libvirt's event loop ran when the connection was opened: only then does it hear events. */
    final boolean hearsEvents;
    private final AtomicReference<Instant> closedAt = new AtomicReference<>();
    /** Told why when libvirt closes the connection from its side (the daemon stopped, the link to it broke). */
    private final List<Consumer<String>> whenClosed = new CopyOnWriteArrayList<>();
    /** The close callback's number while one is registered. */
    private volatile Pointer closeWatch;
    /** Held (shared) by calls made outside the host's lock, a change's; {@link #close} takes it whole. */
    private final ReadWriteLock calls = new ReentrantReadWriteLock();

    private LibvirtSession(LibvirtConnection connection, ExecutorService guestReaders, boolean hearsEvents) {
        this.connection = connection;
        this.hearsEvents = hearsEvents;
        this.reader = new LibvirtReader(connection, guestReaders);
        this.guests = new GuestWriter(connection);
        this.networks = new NetworkWriter(connection);
    }

    static LibvirtSession open(Opener opener, String uri, ExecutorService guestReaders) throws LibvirtException {
        boolean hearsEvents = EventLoop.running();
        LibvirtSession session = new LibvirtSession(opener.open(uri), guestReaders, hearsEvents);
        // libvirt calls this when the daemon goes away (from its event loop, or from the call that found the
        // connection closed): the time is what the user is told
        session.closeWatch = NativeCallbacks.listen(new NativeCallbacks.Heard() {
            @Override
            public void closed(int code) {
                session.closedAt.compareAndSet(null, Instant.now());
                ConnectionCloseReason reason = code >= 0 && code < ConnectionCloseReason.values().length
                        ? ConnectionCloseReason.values()[code] : ConnectionCloseReason.UNKNOWN;
                if (reason != ConnectionCloseReason.CLIENT) {
                    String why = "libvirt closed the connection to " + uri + " (" + words(reason) + ")";
                    session.whenClosed.forEach(l -> l.accept(why));
                }
            }
        });
        if (NativeCallbacks.api().virConnectRegisterCloseCallback(session.connection.pointer(),
                NativeCallbacks.CLOSE, session.closeWatch, null) < 0) {
            // drivers without close callbacks (test:///): alive() still asks libvirt before each read
            NativeCallbacks.forget(session.closeWatch);
            session.closeWatch = null;
        }
        return session;
    }

    /**
     * Tells {@code why} when libvirt closes this connection from its side; a driver without close callbacks
     * (test:///) never tells it.
     */
    void whenClosed(Consumer<String> why) {
        whenClosed.add(why);
    }

    private static String words(ConnectionCloseReason reason) {
        return switch (reason) {
            case EOF -> "the daemon stopped, or the link to it ended";
            case KEEPALIVE -> "the daemon stopped answering";
            case ERROR -> "an error on the connection";
            default -> "no reason given";
        };
    }

    /** False once libvirt said the connection closed, or no longer answers for it. */
    boolean alive() {
        if (closedAt.get() != null) {
            return false;
        }
        try {
            return connection.isConnected() && connection.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    /** When libvirt reported the connection closed, if it did. */
    Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt.get());
    }

    /**
     * Runs a call on this connection that is made outside the host's lock (a change's write): closing the session
     * waits for it, as closing a connection under a running libvirt call frees what that call reads.
     */
    void using(Consumer<LibvirtSession> call) {
        calls.readLock().lock();
        try {
            call.accept(this);
        } finally {
            calls.readLock().unlock();
        }
    }

    /**
     * Best effort: a dead connection may refuse even this. Waits for the calls {@link #using} runs; one that never
     * ends leaves the connection open rather than closed under it.
     */
    void close() {
        try {
            if (!calls.writeLock().tryLock(CLOSE_WAIT_S, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            closeNow();
        } finally {
            calls.writeLock().unlock();
        }
    }

    private void closeNow() {
        if (closeWatch != null) {
            NativeCallbacks.forget(closeWatch);
            // refused once libvirt called it (it forgets a close callback it called) or for a gone connection
            NativeCallbacks.api().virConnectUnregisterCloseCallback(connection.pointer(), NativeCallbacks.CLOSE);
        }
        try {
            connection.close();
        } catch (LibvirtException e) {
            // already gone
        }
    }
}
