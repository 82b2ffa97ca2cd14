package dev.virtwire.ui;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.LibvirtUri;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.fleet.FleetEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Platform;

/**
 * File › Add host… and File › Open the fleet: the fleet list the CLI's {@code virtwire hosts} keeps (the same
 * hosts.json). A fleet of one host opens in a tab as File › Open does; a larger one as frames of one canvas in the
 * fleet's tab, each host read on its own thread, so one that is down does not hold up the others.
 */
final class FleetMenu {
    /** How long a host of the fleet that could not be opened, or was lost, waits before its first try again. */
    private static final Duration RETRY = Duration.ofSeconds(5);
    /** hosts.json is read and written here, never on the window's thread (a config dir may be slow or remote). */
    private static final ExecutorService LIST =
            Executors.newSingleThreadExecutor(DaemonThreads.named("virtwire-fleet-list"));

    private FleetMenu() {
    }

    /** Asks for a name and how to reach the host, adds it to the fleet list and opens it. */
    static void addHost(MainWindow w) {
        Messages text = w.text();
        new Forms(text.get("fleet.add.title"))
                .text("name", text.get("fleet.add.name"), "")
                .text("uri", text.get("fleet.add.uri"), HostAddress.LOCAL_URI)
                .text("netns", text.get("fleet.add.netns"), "")
                .text("ssh", text.get("fleet.add.ssh"), "")
                .ask(w.stage()).ifPresent(values -> LIST.execute(() -> {
                    try {
                        FleetEntry entry = new FleetEntry(values.get("name"), address(values));
                        w.fleet().add(entry);
                        Platform.runLater(() -> w.open(entry.address()));
                    } catch (IllegalArgumentException | IllegalStateException | HostException e) {
                        w.notifier().error(text.get("fleet.add.refused"), e.getMessage());
                    }
                }));
    }

    /**
     * Opens the hosts of the fleet list (read in the background): two or more on the fleet's canvas, one in its own
     * tab; an empty list says how to fill it.
     */
    static void openFleet(MainWindow w) {
        LIST.execute(() -> {
            try {
                List<FleetEntry> hosts = w.fleet().hosts();
                Platform.runLater(() -> open(w, hosts));
            } catch (HostException e) {
                w.notifier().error(w.text().get("fleet.open.failed"), e.getMessage());
            }
        });
    }

    private static void open(MainWindow w, List<FleetEntry> hosts) {
        if (hosts.isEmpty()) {
            w.notifier().info(w.text().get("fleet.open.empty.title"), w.text().get("fleet.open.empty"));
        }
        if (hosts.size() > 1) {
            reopen(w, hosts);
        } else {
            hosts.forEach(h -> w.open(h.address()));
        }
    }

    /** The fleet's hosts as frames of one canvas, opened as File › Open does. */
    static void reopen(MainWindow w, List<FleetEntry> hosts) {
        show(w, hosts, e -> Hosts.openToWatch(e.address(), w.stateDir()), RETRY);
    }

    /**
     * The fleet as frames of one canvas in a tab of its own (or that tab shown when it is open): each host opened
     * by {@code open}, one that is down tried again after {@code retry}.
     */
    static FleetTab show(MainWindow w, List<FleetEntry> hosts, Function<FleetEntry, Host> open, Duration retry) {
        Optional<FleetTab> shown = w.fleetTab();
        Optional<FleetTab> same = shown.filter(t -> t.hosts().entries().equals(hosts));
        // a fleet list that changed since its tab was opened (File › Add host…) is drawn anew, not the old one shown
        shown.filter(t -> same.isEmpty()).ifPresent(old -> {
            w.tabs().getTabs().remove(old);
            old.close();
        });
        FleetTab tab = same.orElseGet(() -> new FleetTab(hosts, open, retry, w));
        if (same.isEmpty()) {
            w.tabs().getTabs().add(tab);
        }
        w.tabs().getSelectionModel().select(tab);
        return tab;
    }

    /** The address the form names; a refusal says what was wrong, as the command line's would. */
    static HostAddress address(Map<String, String> form) {
        String uri = form.getOrDefault("uri", "");
        LibvirtUri.checked(uri);
        Optional<String> netns = Forms.optional(form.get("netns"));
        Optional<String> ssh = Forms.optional(form.get("ssh"));
        if (netns.isPresent() && ssh.isPresent()) {
            throw new IllegalArgumentException("a network namespace and an ssh host name two different places for "
                    + "the host's kernel commands: give one of them");
        }
        return netns.<HostAddress>map(ns -> new HostAddress(uri, new Target.Netns(ns)))
                .or(() -> ssh.map(login -> new HostAddress(uri, new Target.Ssh(login))))
                .orElseGet(() -> HostAddress.of(uri));
    }
}
