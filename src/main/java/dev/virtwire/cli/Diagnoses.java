package dev.virtwire.cli;

import dev.virtwire.change.RouteMemory;
import dev.virtwire.diagnose.CommandProbes;
import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Probes;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.HostAddress;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The troubleshooter a host deserves: active probes where there is a real kernel, none on the demo host. */
final class Diagnoses {
    private Diagnoses() {
    }

    /** Also keeps the default routes of the snapshot about to be diagnosed, and knows those seen before. */
    static Troubleshooter troubleshooter(HostOptions host, boolean probe, HostSnapshot seen) {
        HostAddress address = host.address();
        Probes probes = probe ? CommandProbes.at(address) : Probes.none();
        RouteMemory memory = host.routeMemory();
        memory.remember(seen);
        return new Troubleshooter(probes).remembering(memory.defaults()).suggesting(host.suggestions());
    }

    /** The guests a diagnosis of this guest towards these targets reads: it, and a target guest. */
    static Set<String> guestsRead(String guest, List<Destination> targets) {
        Set<String> out = new TreeSet<>(Set.of(guest));
        targets.stream().filter(t -> t instanceof Destination.OtherGuest)
                .forEach(t -> out.add(((Destination.OtherGuest) t).name()));
        return out;
    }
}
