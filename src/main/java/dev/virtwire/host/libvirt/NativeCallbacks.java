package dev.virtwire.host.libvirt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.libvirt.jna.ConnectionPointer;

/**
 * The functions libvirt calls back (events, a connection's close), one static object of each, never collected.
 * JNA frees a callback's native code once its Java object is collected, and libvirt may still call it: an event
 * already being dispatched on the event loop while another thread deregisters, a deregistration a dead connection
 * refused. Each registration passes its own number as libvirt's {@code opaque}; a call for a number no longer
 * listed is ignored.
 */
final class NativeCallbacks {
    static final int DOMAIN_EVENT_LIFECYCLE = 0;
    static final int DOMAIN_EVENT_DEVICE_REMOVED = 15;
    static final int DOMAIN_EVENT_DEVICE_ADDED = 19;
    static final int NETWORK_EVENT_LIFECYCLE = 0;

    /** What a registration hears: the name of a guest that changed, a network that changed, the close's reason. */
    interface Heard {
        default void guest(String name, boolean startedOrStopped) {
        }

        default void network() {
        }

        default void closed(int reason) {
        }
    }

    /** virConnectDomainEventCallback (the lifecycle event). */
    public interface Lifecycle extends Callback {
        int invoke(Pointer conn, Pointer dom, int event, int detail, Pointer opaque);
    }

    /** virConnectDomainEventDeviceAddedCallback and ...RemovedCallback: both pass the device's alias. */
    public interface Device extends Callback {
        void invoke(Pointer conn, Pointer dom, Pointer alias, Pointer opaque);
    }

    /** virConnectNetworkEventLifecycleCallback. */
    public interface NetworkLifecycle extends Callback {
        void invoke(Pointer conn, Pointer net, int event, int detail, Pointer opaque);
    }

    /** virConnectCloseFunc. */
    public interface Close extends Callback {
        void invoke(Pointer conn, int reason, Pointer opaque);
    }

    /** The part of libvirt's C API that takes these callbacks. */
    interface Api extends Library {
        int virConnectDomainEventRegisterAny(ConnectionPointer conn, Pointer dom, int eventId, Callback cb,
                                             Pointer opaque, Pointer freeCallback);

        int virConnectDomainEventDeregisterAny(ConnectionPointer conn, int callbackId);

        int virConnectNetworkEventRegisterAny(ConnectionPointer conn, Pointer net, int eventId, Callback cb,
                                              Pointer opaque, Pointer freeCallback);

        int virConnectNetworkEventDeregisterAny(ConnectionPointer conn, int callbackId);

        int virConnectRegisterCloseCallback(ConnectionPointer conn, Close cb, Pointer opaque, Pointer freeCallback);

        int virConnectUnregisterCloseCallback(ConnectionPointer conn, Close cb);

        String virDomainGetName(Pointer dom);

        /** This thread's last libvirt error, in libvirt's words. */
        String virGetLastErrorMessage();
    }

    private static final Map<Long, Heard> LISTENING = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong(1);

    static final Lifecycle LIFECYCLE = (conn, dom, event, detail, opaque) -> {
        tell(opaque, h -> h.guest(name(dom), true));
        return 0;
    };
    static final Device DEVICE = (conn, dom, alias, opaque) -> tell(opaque, h -> h.guest(name(dom), false));
    static final NetworkLifecycle NETWORK = (conn, net, event, detail, opaque) -> tell(opaque, Heard::network);
    static final Close CLOSE = (conn, reason, opaque) -> tell(opaque, h -> h.closed(reason));

    private static volatile Api api;

    private NativeCallbacks() {
    }

    static Api api() {
        Api loaded = api;
        if (loaded == null) {
            loaded = Native.load("virt", Api.class);
            api = loaded;
        }
        return loaded;
    }

    /** Lists a listener; the returned number is the {@code opaque} to register it with. */
    static Pointer listen(Heard heard) {
        long id = NEXT.getAndIncrement();
        LISTENING.put(id, heard);
        return new Pointer(id);
    }

    /** From now on calls for this number are ignored, whatever libvirt still does with it. */
    static void forget(Pointer opaque) {
        LISTENING.remove(Pointer.nativeValue(opaque));
    }

    private static void tell(Pointer opaque, java.util.function.Consumer<Heard> what) {
        Heard heard = opaque == null ? null : LISTENING.get(Pointer.nativeValue(opaque));
        if (heard == null) {
            return;
        }
        try {
            what.accept(heard);
        } catch (RuntimeException e) {
            // an exception must not unwind into libvirt's event loop (JNA would print it to stderr)
        }
    }

    private static String name(Pointer dom) {
        String n = dom == null ? null : api().virDomainGetName(dom);
        return n == null ? "" : n;
    }
}
