package dev.virtwire.ui;

import dev.virtwire.change.Changes;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.host.Host;
import dev.virtwire.host.fleet.FleetEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.stage.Window;

/**
 * Fixes made from the Fleet tab, each on the host its finding names: through a {@link HostEditor} of that host, so
 * it is previewed with the exact commands as in a host's own tab and recorded in the host's history in the state
 * dir (undone from that host's tab, or with {@code virtwire undo}). An editor lasts while its host stays open; one
 * opened again after it was lost gets a new one.
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
    }

    /** Previews the fix and applies it on the host (FX thread); {@code kept} runs once it is applied. */
    void fix(String host, Fix fix, Runnable kept) {
        Optional<Editing> on = editor(host);
        if (on.isEmpty()) {
            notifier.error(text.get("findings.title"), text.format("findings.across.not-up", host));
            return;
        }
        on.get().editor().request(fix.intent(), entry -> kept.run());
    }

    private Optional<Editing> editor(String name) {
        Optional<FleetEntry> entry = hosts.entries().stream().filter(e -> e.name().equals(name)).findFirst();
        Optional<Host> open = hosts.opened(name);
        if (entry.isEmpty() || open.isEmpty()) {
            return Optional.empty();
        }
        Editing now = editing.get(name);
        if (now == null || now.host() != open.get()) {
            if (now != null) {
                now.close(); // its host was lost and closed
            }
            Changes changes = new Changes(open.get(), entry.get().address(), stateDir);
            now = new Editing(open.get(), changes, new HostEditor(changes, settings, text, notifier, owner,
                    Optional.of(name)));
            editing.put(name, now);
        }
        return Optional.of(now);
    }

    @Override
    public void close() {
        editing.values().forEach(Editing::close);
        editing.clear();
    }
}
