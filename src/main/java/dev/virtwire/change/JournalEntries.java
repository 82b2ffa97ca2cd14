package dev.virtwire.change;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The history's entries as in the journal on disk: read again before each decision (another process may have
 * changed the file), saved after each change, and the listeners told. Not thread-safe: {@link Changes} calls it
 * under its own lock.
 */
final class JournalEntries {
    private final Journal journal;
    private final List<Consumer<List<JournalEntry>>> listeners = new CopyOnWriteArrayList<>();
    private List<JournalEntry> entries;

    JournalEntries(Journal journal) {
        this.journal = journal;
        this.entries = new ArrayList<>(journal.load());
    }

    /** Oldest first, as last read or changed. */
    List<JournalEntry> list() {
        return Collections.unmodifiableList(entries);
    }

    /** Reads the journal again and keeps it locked meanwhile. */
    <T> T locked(Supplier<T> work) {
        try (AutoCloseable lock = journal.lock()) {
            reload();
            return work.get();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the journal lock of " + journal.file(), e);
        }
    }

    void reload() {
        entries = new ArrayList<>(journal.load());
    }

    void replaceOrAdd(JournalEntry entry) {
        if (entries.stream().noneMatch(e -> e.id().equals(entry.id()))) {
            entries.add(entry);
            save();
        } else {
            replace(entry);
        }
    }

    void replace(JournalEntry entry) {
        entries.replaceAll(e -> e.id().equals(entry.id()) ? entry : e);
        save();
    }

    void forget(JournalEntry entry) {
        entries.removeIf(e -> e.id().equals(entry.id()));
        save();
    }

    /** Changes every entry in memory only: saved with the next {@link #save()} or change. */
    void replaceAll(UnaryOperator<JournalEntry> change) {
        entries.replaceAll(change);
    }

    void save() {
        journal.save(entries);
        List<JournalEntry> saved = List.copyOf(entries);
        listeners.forEach(l -> l.accept(saved));
    }

    /** Calls the listener with a copy of the entries after every save; close the handle to stop. */
    AutoCloseable onChanged(Consumer<List<JournalEntry>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void stopTelling() {
        listeners.clear();
    }

    Path file() {
        return journal.file();
    }
}
