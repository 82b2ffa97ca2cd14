package dev.virtwire.host.libvirt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Notices guest changes libvirt sends no event for: {@code virsh update-device} of a NIC's link state or
 * saved config. Every tick it compares the XML of all running guests (live and saved) with the last tick,
 * plus a rotating slice of the shut-off ones, so its cost stays bounded on a host with hundreds of guests.
 */
final class XmlPoller implements AutoCloseable {
    static final long TICK_MS = 400;
    /** Shut-off guests looked at per tick: 500 of them are all seen within about 8 s. */
    static final int SHUTOFF_PER_TICK = 25;
    /** A tick on a dead connection fails at once; on a live one libvirt's keepalive bounds it. */
    private static final long CLOSE_WAIT_S = 30;

    private final Connect connect;
    private final Consumer<String> guestChanged;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "virtwire guest XML poll");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> seen = new HashMap<>();
    private int rotation;

    XmlPoller(Connect connect, Consumer<String> guestChanged) {
        this.connect = connect;
        this.guestChanged = guestChanged;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            Set<String> transients = names(connect.listAllDomains(Connect.ConnectListAllDomainsFlags.CONNECT_LIST_DOMAINS_TRANSIENT));
            List<Domain> off = new ArrayList<>();
            Set<String> all = new HashSet<>();
            for (Domain d : connect.listAllDomains(0)) {
                String name = d.getName();
                all.add(name);
                if (d.getID() < 0) {
                    off.add(d); // shut off: its id is known locally, without a round trip
                } else {
                    compare(name, d.getXMLDesc(0) + (transients.contains(name) ? "" : d.getXMLDesc(Domain.XMLFlags.INACTIVE)));
                }
            }
            off.sort(java.util.Comparator.comparing(XmlPoller::nameOrEmpty));
            for (int i = 0; i < Math.min(SHUTOFF_PER_TICK, off.size()); i++) {
                Domain d = off.get((rotation + i) % off.size());
                compare(d.getName(), d.getXMLDesc(0));
            }
            rotation = off.isEmpty() ? 0 : (rotation + SHUTOFF_PER_TICK) % off.size();
            seen.keySet().retainAll(all);
        } catch (LibvirtException e) {
            // a guest went away mid-tick, or the daemon: the next tick (or an event) catches up
        }
    }

    /** The first sight of a guest only remembers it: events and snapshots cover guests that appear. */
    private void compare(String name, String xml) {
        String before = seen.put(name, xml);
        if (before != null && !before.equals(xml)) {
            guestChanged.accept(name);
        }
    }

    private static Set<String> names(Domain[] domains) throws LibvirtException {
        Set<String> out = new HashSet<>();
        for (Domain d : domains) {
            out.add(d.getName());
        }
        return out;
    }

    private static String nameOrEmpty(Domain d) {
        try {
            return d.getName();
        } catch (LibvirtException e) {
            return "";
        }
    }

    /**
     * Stops polling and returns once no tick uses the connection any more: the connection is closed next, and
     * closing it under a running libvirt call frees what that call reads (the JVM then aborts).
     */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(CLOSE_WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
