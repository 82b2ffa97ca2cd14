package dev.virtwire.cli;

import dev.virtwire.diagnose.CommandProbes;
import dev.virtwire.diagnose.Probes;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.CommandRunner;

/** The troubleshooter a host deserves: active probes where there is a real kernel, none on the demo host. */
final class Diagnoses {
    private Diagnoses() {
    }

    static Troubleshooter troubleshooter(HostAddress address, boolean probe) {
        Probes probes = address.isDemo() || !probe ? Probes.none()
                : new CommandProbes(new CommandRunner(address.target()), address.uri());
        return new Troubleshooter(probes);
    }
}
