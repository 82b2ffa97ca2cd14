package dev.virtwire.cli;

import dev.virtwire.change.RouteMemory;
import dev.virtwire.diagnose.CommandProbes;
import dev.virtwire.diagnose.Probes;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.model.HostSnapshot;

/** The troubleshooter a host deserves: active probes where there is a real kernel, none on the demo host. */
final class Diagnoses {
    private Diagnoses() {
    }

    /** Also keeps the default routes of the snapshot about to be diagnosed, and knows those seen before. */
    static Troubleshooter troubleshooter(HostOptions host, boolean probe, HostSnapshot seen) {
        HostAddress address = host.address();
        Probes probes = address.isDemo() || !probe ? Probes.none()
                : new CommandProbes(new CommandRunner(address.target()), address.uri());
        RouteMemory memory = host.routeMemory();
        memory.remember(seen);
        return new Troubleshooter(probes).remembering(memory.defaults()).suggesting(host.suggestions());
    }
}
