package dev.virtwire.ui;

import dev.virtwire.diagnose.fleet.FleetCheck;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.ui.findings.BetweenHostsPanel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Check all on the Fleet tab: what is wrong between the hosts that are up ({@link FleetCheck}, as {@code virtwire
 * fleet check}), beside the canvas, checked again whenever a host is drawn anew while it shows. A finding whose fix
 * is a change of one host is fixed there, or on another host the user picks where the finding offers the same fix
 * there ({@link FleetFixes}: its preview, that host's history), then that host is read again, which checks again.
 */
final class FleetChecking {
    private static final ExecutorService CHECKS =
            Executors.newSingleThreadExecutor(DaemonThreads.named("virtwire-fleet-between"));

    private final FleetHosts hosts;
    private final FleetFixes fixes;
    private final VBox side;
    private final Path stateDir;
    private final Notifier notifier;
    private final Messages text;
    private final BetweenHostsPanel panel;
    private final AtomicLong asked = new AtomicLong();
    private Consumer<Boolean> onPanel = open -> { };

    FleetChecking(FleetHosts hosts, FleetFixes fixes, VBox side, Path stateDir, Messages text, Notifier notifier) {
        this.hosts = hosts;
        this.fixes = fixes;
        this.side = side;
        this.stateDir = stateDir;
        this.text = text;
        this.notifier = notifier;
        this.panel = new BetweenHostsPanel(text, hosts::snapshot, this::fix, this::close);
        VBox.setVgrow(panel, Priority.ALWAYS);
    }

    /** Told when the panel opens (true) or closes. */
    void onPanel(Consumer<Boolean> listener) {
        onPanel = listener;
    }

    BetweenHostsPanel panel() {
        return panel;
    }

    boolean isOpen() {
        return side.getChildren().contains(panel);
    }

    /** Checks the hosts that are up now and opens the panel with what it finds (FX thread). */
    void check() {
        if (!isOpen()) {
            side.getChildren().add(panel);
        }
        onPanel.accept(true);
        panel.showChecking();
        long mine = asked.incrementAndGet();
        List<FleetHost> up = new ArrayList<>();
        List<FleetEntry> entries = hosts.entries();
        entries.forEach(e -> hosts.snapshot(e.name()).ifPresent(s -> up.add(new FleetHost.Up(e.name(),
                e.address().uri(), s))));
        CHECKS.execute(() -> {
            try {
                List<FleetFinding> found = FleetCheck.of(up, name -> entries.stream().filter(e -> e.name()
                        .equals(name)).findFirst().map(e -> SuggestedCommands.forHost(e.address(), stateDir))
                        .orElseGet(SuggestedCommands::local));
                Platform.runLater(() -> {
                    if (asked.get() == mine) {
                        panel.show(found, up.size());
                    }
                });
            } catch (RuntimeException e) {
                notifier.error(text.get("findings.title"), e);
            }
        });
    }

    /** A host was drawn anew (it changed, or was read again after a fix): checked again while the panel shows. */
    void redrawn() {
        if (isOpen()) {
            check();
        }
    }

    /** The fix pressed (the one offered, or the same on another host), made on its host through its preview. */
    private void fix(FleetFinding.HostFix f) {
        fixes.fix(f.host(), f.fix(), () -> readAgain(f.host()));
    }

    /** The host changed by a fix or its undo, read again: its frame is drawn anew, which checks again. */
    void readAgain(String host) {
        hosts.refresh(host, (entry, e) -> notifier.error(text.format("fleet.refresh.failed", entry.name()), e));
    }

    private void close() {
        asked.incrementAndGet();
        side.getChildren().remove(panel);
        onPanel.accept(false);
    }
}
