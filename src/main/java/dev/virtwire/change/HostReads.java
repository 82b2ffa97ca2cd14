package dev.virtwire.change;

import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.ReadScope;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the change layer reads its host: the whole host the first time, then only what a step or an intent is
 * about, read fresh and spliced into the last read. At 500 guests a whole read costs several times the change
 * itself; one guest's and one network's cost a few libvirt calls. What a check looks at is always fresh.
 */
final class HostReads {
    private final HostReader host;
    private HostSnapshot last;
    /** The guests {@code last} holds when it was read for a command about them; empty when it holds every guest. */
    private Optional<Set<String>> onlyGuests = Optional.empty();
    /** Whether {@code last} is a command's own read, just made and not planned on yet: its first plan uses it. */
    private boolean justRead;

    HostReads(HostReader host) {
        this.host = host;
    }

    /** A fresh read of everything. */
    synchronized HostSnapshot everything() {
        justRead = false;
        last = host.snapshot();
        onlyGuests = Optional.empty();
        return last;
    }

    /** A fresh read for a command about these guests, without the other guests ({@link HostReader#snapshotOfGuests}). */
    synchronized HostSnapshot ofGuests(Set<String> guests) {
        last = host.snapshotOfGuests(guests);
        onlyGuests = last.guests().size() == guests.size() ? Optional.of(Set.copyOf(guests)) : Optional.empty();
        justRead = true;
        return last;
    }

    /**
     * A read in which what is in scope is fresh (everything, the first time). A step's checks look only at its
     * subjects, so a read without some guests serves them; whatever those subjects name is read.
     */
    synchronized HostSnapshot about(ReadScope scope) {
        if (last == null) {
            return everything();
        }
        justRead = false;
        last = host.refresh(last, scope);
        onlyGuests = onlyGuests.map(read -> union(read, scope.guests()));
        return last;
    }

    /**
     * A read to plan on: an intent about these guests only ({@code guests} present) may plan on a read without
     * the others; any other intent may look at every guest, so a read without some is replaced by a whole one.
     */
    synchronized HostSnapshot toPlan(ReadScope scope, Optional<Set<String>> guests) {
        boolean fresh = justRead;
        justRead = false;
        if (fresh && guests.isPresent() && onlyGuests.filter(read -> read.containsAll(guests.get())).isPresent()) {
            return last; // the command read these guests a moment ago: the same again would only cost time
        }
        if (guests.isPresent() && (last == null || onlyGuests.isPresent())) {
            Set<String> wanted = onlyGuests.map(read -> union(read, guests.get())).orElse(guests.get());
            return last == null || !onlyGuests.get().containsAll(wanted) ? ofGuests(wanted) : about(scope);
        }
        return onlyGuests.isPresent() ? everything() : about(scope);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    /** A read in which everything these steps are about is fresh. */
    HostSnapshot aboutSteps(List<Operation> ops) {
        return about(ops.stream().map(op -> ReadScope.of(op.subjects())).reduce(ReadScope.NOTHING, ReadScope::with));
    }

    HostSnapshot aboutStep(Operation op) {
        return about(ReadScope.of(op.subjects()));
    }

    /** A fresh read of one guest's saved config (a snapshot shows the running guest). */
    Optional<Guest> savedGuest(String name) {
        return host.savedGuest(name);
    }

    /** A fresh read of one network's saved config (a snapshot shows an active network as it runs). */
    Optional<VirtualNetwork> savedNetwork(String name) {
        return host.savedNetwork(name);
    }
}
