package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.LibvirtException;
import org.libvirt.event.LifecycleListener;

/**
 * Where a watched host's changes come from: libvirt's lifecycle, hot-plug and network events, a poll of guest
 * XML for what libvirt sends no event about, and the kernel's {@code ip monitor}. What is not available is
 * said in the gaps; the rest still runs.
 */
final class ChangeSources {
    private ChangeSources() {
    }

    /** Starts every source; the returned handles stop them. */
    static List<AutoCloseable> start(LibvirtConnection connect, CommandRunner runner, LiveUpdates updates,
                                     List<String> eventGaps) {
        List<AutoCloseable> watchers = new ArrayList<>();
        try {
            LifecycleListener lifecycle = (domain, event) -> {
                updates.guestChanged(nameOf(domain));
                updates.kernelChanged(); // a started or stopped guest takes its taps with it
                return 0;
            };
            connect.addLifecycleListener(lifecycle);
            watchers.add(() -> connect.removeLifecycleListener(lifecycle));
        } catch (LibvirtException e) {
            eventGaps.add("guest start/stop events are not available (" + LibvirtErrors.message(e) + "): "
                    + "the view follows kernel changes only");
        }
        try {
            NativeEvents natives = new NativeEvents(connect.pointer(), updates::guestChanged, updates::networksChanged);
            natives.register().forEach(f -> eventGaps.add("libvirt does not send " + f + " here"));
            watchers.add(natives);
        } catch (LinkageError e) {
            eventGaps.add("hot-plug and network events are not available: " + e.getMessage());
        }
        // update-device of a link state or of the saved config sends no event at all: compare XML instead
        XmlPoller poller = new XmlPoller(connect, updates::guestChanged);
        poller.start();
        watchers.add(poller);
        try {
            watchers.add(runner.follow(List.of("ip", "monitor", "link", "address", "route", "neigh"),
                    updates::kernelSaid, exit -> eventGaps.add("'ip monitor' stopped (exit " + exit + ") on "
                            + runner.target().describe() + ": kernel changes are no longer seen live")));
        } catch (HostException e) {
            eventGaps.add("kernel changes are not seen live: " + e.getMessage());
        }
        return watchers;
    }

    private static String nameOf(org.libvirt.Domain domain) {
        try {
            return domain.getName();
        } catch (LibvirtException e) {
            return ""; // unknown guest: everything is read again
        }
    }
}
