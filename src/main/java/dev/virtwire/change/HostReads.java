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

    HostReads(HostReader host) {
        this.host = host;
    }

    /** A fresh read of everything. */
    synchronized HostSnapshot everything() {
        last = host.snapshot();
        return last;
    }

    /** A read in which what is in scope is fresh (everything, the first time). */
    synchronized HostSnapshot about(ReadScope scope) {
        last = last == null ? host.snapshot() : host.refresh(last, scope);
        return last;
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
