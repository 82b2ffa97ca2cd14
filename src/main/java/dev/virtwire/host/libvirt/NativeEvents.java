package dev.virtwire.host.libvirt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.Libvirt;

/**
 * The libvirt events libvirt-java 0.5.4 has no listener for: NIC (device) hot-plug and unplug, and network
 * start/stop/define/undefine. Registered straight through JNA on the same event loop.
 */
final class NativeEvents implements AutoCloseable {
    private static final int DOMAIN_EVENT_DEVICE_REMOVED = 15;
    private static final int DOMAIN_EVENT_DEVICE_ADDED = 19;
    private static final int NETWORK_EVENT_LIFECYCLE = 0;

    /** The part of libvirt's C API for network events. */
    interface NetworkEventApi extends Library {
        int virConnectNetworkEventRegisterAny(ConnectionPointer conn, Pointer net, int eventId,
                                              NetworkLifecycle callback, Pointer opaque, Pointer freeCallback);

        int virConnectNetworkEventDeregisterAny(ConnectionPointer conn, int callbackId);
    }

    /** virConnectNetworkEventLifecycleCallback. */
    public interface NetworkLifecycle extends Callback {
        void invoke(Pointer conn, Pointer net, int event, int detail, Pointer opaque);
    }

    private final ConnectionPointer conn;
    private final NetworkEventApi networkApi;
    private final List<Integer> domainCallbacks = new ArrayList<>();
    private final List<Integer> networkCallbacks = new ArrayList<>();
    // JNA callbacks must stay reachable while registered, or the native side calls freed code
    private final Libvirt.VirConnectDomainEventGenericCallback deviceCallback;
    private final NetworkLifecycle networkCallback;

    NativeEvents(ConnectionPointer conn, java.util.function.Consumer<String> guestChanged, Runnable networksChanged) {
        this.conn = conn;
        this.networkApi = Native.load("virt", NetworkEventApi.class);
        // the device callbacks also pass the device alias before opaque; the generic signature ignores it
        this.deviceCallback = (c, dom, opaque) -> guestChanged.accept(name(dom));
        this.networkCallback = (c, net, event, detail, opaque) -> networksChanged.run();
    }

    /** Registers what this libvirt supports; returns what could not be registered, in words. */
    List<String> register() {
        List<String> failed = new ArrayList<>();
        for (int id : new int[] {DOMAIN_EVENT_DEVICE_ADDED, DOMAIN_EVENT_DEVICE_REMOVED}) {
            int cb = Libvirt.INSTANCE.virConnectDomainEventRegisterAny(conn, null, id, deviceCallback, null, null);
            if (cb < 0) {
                failed.add("device hot-plug events (id " + id + ")");
            } else {
                domainCallbacks.add(cb);
            }
        }
        int cb = networkApi.virConnectNetworkEventRegisterAny(conn, null, NETWORK_EVENT_LIFECYCLE, networkCallback,
                null, null);
        if (cb < 0) {
            failed.add("network lifecycle events");
        } else {
            networkCallbacks.add(cb);
        }
        return failed;
    }

    private static String name(DomainPointer dom) {
        String n = dom == null ? null : Libvirt.INSTANCE.virDomainGetName(dom);
        return n == null ? "" : n;
    }

    @Override
    public void close() {
        domainCallbacks.forEach(id -> Libvirt.INSTANCE.virConnectDomainEventDeregisterAny(conn, id));
        networkCallbacks.forEach(id -> networkApi.virConnectNetworkEventDeregisterAny(conn, id));
        domainCallbacks.clear();
        networkCallbacks.clear();
    }
}
