package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a watched host's changes come from: libvirt's lifecycle, hot-plug and network events, a poll of guest
 * XML for what libvirt sends no event about, and the kernel's {@code ip monitor}. What is not available is
 * said in the gaps; the rest still runs.
 */
final class ChangeSources {
    /** When {@code ip monitor} surely listens: in a namespace within milliseconds, over ssh in about a second. */
    private static final long MONITOR_START_MS = 1500;

    private ChangeSources() {
    }

    /**
     * Starts the sources that live on this libvirt connection (events, XML poll); the returned handles stop them,
     * and must be closed before the connection is (they deregister through it).
     */
    static List<AutoCloseable> startLibvirt(LibvirtConnection connect, LiveUpdates updates, List<String> eventGaps) {
        List<AutoCloseable> watchers = new ArrayList<>();
        try {
            NativeEvents natives = new NativeEvents(connect.pointer(), updates);
            eventGaps.addAll(natives.register());
            watchers.add(natives);
        } catch (LinkageError e) {
            eventGaps.add("libvirt events are not available: " + e.getMessage());
        }
        // update-device of a link state or of the saved config sends no event at all: compare XML instead
        XmlPoller poller = new XmlPoller(connect, updates::guestChanged);
        poller.start();
        watchers.add(poller);
        return watchers;
    }

    /**
     * Starts {@code ip monitor} at the runner's target; the returned handles stop it. The monitor hears the
     * kernel only once it has started, so the kernel is read again when it surely listens.
     */
    static List<AutoCloseable> startKernel(CommandRunner runner, LiveUpdates updates, List<String> eventGaps) {
        List<AutoCloseable> watchers = new ArrayList<>();
        try {
            watchers.add(runner.follow(List.of("ip", "monitor", "link", "address", "route", "neigh"),
                    updates::kernelSaid, exit -> {
                        String stopped = "'ip monitor' stopped (exit " + exit + ") on " + runner.target().describe();
                        eventGaps.add(stopped + ": kernel changes are no longer seen live");
                        updates.lost(stopped);
                    }));
            updates.kernelChangedIn(MONITOR_START_MS);
        } catch (HostException e) {
            eventGaps.add("kernel changes are not seen live: " + e.getMessage());
        }
        return watchers;
    }
}
