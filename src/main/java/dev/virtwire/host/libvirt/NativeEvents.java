package dev.virtwire.host.libvirt;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.libvirt.jna.ConnectionPointer;

/**
 * The libvirt events a watched host hears on one connection: guests starting and stopping, NIC hot-plug and
 * unplug, networks started, stopped, defined or undefined. Registered through {@link NativeCallbacks}, as
 * libvirt-java 0.5.4 has no listener for the last two and frees its callbacks' code while libvirt may still call it.
 * One per connection: libvirt refuses the same function twice for one event on one connection.
 */
final class NativeEvents implements AutoCloseable {
    private final ConnectionPointer conn;
    private final Pointer opaque;
    private final List<Integer> domainCallbacks = new ArrayList<>();
    private final List<Integer> networkCallbacks = new ArrayList<>();

    NativeEvents(ConnectionPointer conn, LiveUpdates updates) {
        this.conn = conn;
        this.opaque = NativeCallbacks.listen(new NativeCallbacks.Heard() {
            @Override
            public void guest(String name, boolean startedOrStopped) {
                updates.guestChanged(name);
                if (startedOrStopped) {
                    updates.kernelChanged(); // a started or stopped guest takes its taps with it
                }
            }

            @Override
            public void network() {
                updates.networksChanged();
            }
        });
    }

    /** Registers what this libvirt supports; returns, in words, what it does not send. */
    List<String> register() {
        NativeCallbacks.Api api = NativeCallbacks.api();
        List<String> gaps = new ArrayList<>();
        int lifecycle = api.virConnectDomainEventRegisterAny(conn, null, NativeCallbacks.DOMAIN_EVENT_LIFECYCLE,
                NativeCallbacks.LIFECYCLE, opaque, null);
        if (lifecycle < 0) {
            gaps.add("guest start/stop events are not available (" + api.virGetLastErrorMessage() + "): "
                    + "the view follows kernel changes only");
        } else {
            domainCallbacks.add(lifecycle);
        }
        for (int id : new int[] {NativeCallbacks.DOMAIN_EVENT_DEVICE_ADDED,
            NativeCallbacks.DOMAIN_EVENT_DEVICE_REMOVED}) {
            int cb = api.virConnectDomainEventRegisterAny(conn, null, id, NativeCallbacks.DEVICE, opaque, null);
            if (cb < 0) {
                gaps.add("libvirt does not send device hot-plug events (id " + id + ") here");
            } else {
                domainCallbacks.add(cb);
            }
        }
        int cb = api.virConnectNetworkEventRegisterAny(conn, null, NativeCallbacks.NETWORK_EVENT_LIFECYCLE,
                NativeCallbacks.NETWORK, opaque, null);
        if (cb < 0) {
            gaps.add("libvirt does not send network lifecycle events here");
        } else {
            networkCallbacks.add(cb);
        }
        return gaps;
    }

    /** Stops hearing at once; the deregistrations are best effort (a dead connection refuses them). */
    @Override
    public void close() {
        NativeCallbacks.forget(opaque);
        NativeCallbacks.Api api = NativeCallbacks.api();
        domainCallbacks.forEach(id -> api.virConnectDomainEventDeregisterAny(conn, id));
        networkCallbacks.forEach(id -> api.virConnectNetworkEventDeregisterAny(conn, id));
        domainCallbacks.clear();
        networkCallbacks.clear();
    }
}
