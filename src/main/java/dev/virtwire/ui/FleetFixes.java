package dev.virtwire.ui;

import dev.virtwire.change.Changes;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.host.Host;
import dev.virtwire.host.exec.Background;
import dev.virtwire.host.fleet.FleetEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * Fixes made from the Fleet tab, each on the host its finding names: through a {@link HostEditor} of that host, so
 * it is previewed with the exact commands as in a host's own tab and recorded in the host's history in the state
 * dir (undone from the Fleet tab's Undo, that host's tab, or with {@code virtwire undo}). The Fleet tab's Undo
 * takes back the newest change in the history of the host fixed last, as that host's own tab would. An editor
 * lasts while its host stays open; one opened again after it was lost gets a new one.
 */
final class FleetFixes implements AutoCloseable {
    private final FleetHosts hosts;
    private final Settings settings;
    private final Path stateDir;
    private final Messages text;
    private final Notifier notifier;
    private final Window owner;
    /** FX thread only. */
    private final Map<String, Editing> editing = new HashMap<>();
    /** FX thread only: the tab went while a host's history was being read. */
    private boolean closed;
    /** Why the Fleet tab's Undo cannot be used: the host fixed last's editor says, or no fix was made here yet. */
    private final javafx.beans.property.StringProperty undoBlocked = new javafx.beans.property.SimpleStringProperty();
    /** FX thread only: the host fixed last from this tab. */
    private Optional<String> lastFixed = Optional.empty();

    private record Editing(Host host, Changes changes, HostEditor editor) {
        void close() {
            editor.close();
            changes.close();
        }
    }

    FleetFixes(FleetHosts hosts, Settings settings, Path stateDir, Messages text, Notifier notifier, Window owner) {
        this.hosts = hosts;
        this.settings = settings;
        this.stateDir = stateDir;
        this.text = text;
        this.notifier = notifier;
        this.owner = owner;
        undoBlocked.set(text.get("undo.none"));
    }

    /**
     * Previews the fix and applies it on the host (FX thread); {@code kept} runs once it is applied. The host's
     * history is read from the state dir off the FX thread the first time.
     */
    void fix(String host, Fix fix, Runnable kept) {
        Optional<FleetEntry> entry = hosts.entries().stream().filter(e -> e.name().equals(host)).findFirst();
        Optional<Host> open = hosts.opened(host);
        if (entry.isEmpty() || open.isEmpty()) {
            notifier.error(text.get("findings.title"), text.format("findings.across.not-up", host));
            return;
        }
        Editing now = editing.get(host);
        if (now != null && now.host() == open.get()) {
            now.editor().request(fix.intent(), e -> kept(host, now, kept));
            return;
        }
        CompletableFuture.supplyAsync(() -> new Changes(open.get(), entry.get().address(), stateDir),
                Background.threads("virtwire-fleet-history-" + host)).whenComplete((changes, failed) ->
                Platform.runLater(() -> {
                    if (closed && changes != null) {
                        changes.close();
                        return;
                    }
                    if (failed != null) {
                        notifier.error(text.get("findings.title"), failed.getCause() != null ? failed.getCause()
                                : failed);
                        return;
                    }
                    Editing made = new Editing(open.get(), changes, new HostEditor(changes, settings, text,
                            notifier, owner, Optional.of(host)));
                    Editing before = editing.put(host, made);
                    if (before != null) {
                        before.close(); // its host was lost and closed
                    }
                    made.editor().request(fix.intent(), e -> kept(host, made, kept));
                }));
    }

    /** The host fixed last is the one the Fleet tab's Undo acts on. */
    private void kept(String host, Editing editing, Runnable then) {
        lastFixed = Optional.of(host);
        undoBlocked.bind(editing.editor().undoBlockedProperty());
        then.run();
    }

    /** The host fixed last from this tab, the one its Undo acts on. */
    Optional<String> lastFixed() {
        return lastFixed;
    }

    /** Why Undo is off on the Fleet tab (empty when it can be used). */
    javafx.beans.value.ObservableStringValue undoBlocked() {
        return undoBlocked;
    }

    /** Undoes the newest change of the host fixed last ({@code done} then runs, as for a fix's {@code kept}). */
    void undo(Runnable done) {
        lastFixed.map(editing::get).ifPresent(e -> e.editor().undo(done));
    }

    @Override
    public void close() {
        closed = true;
        undoBlocked.unbind();
        editing.values().forEach(Editing::close);
        editing.clear();
    }
}
