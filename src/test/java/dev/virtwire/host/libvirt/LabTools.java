package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.lab.Lab;
import java.util.ArrayList;
import java.util.List;

/** How these lab tests reach the lab: Virtwire's address of it, virsh against it, commands inside it. */
final class LabTools {
    private final Lab lab;

    LabTools(Lab lab) {
        this.lab = lab;
    }

    String uri() {
        return lab.uri();
    }

    HostAddress address() {
        return new HostAddress(lab.uri(), new Target.Netns(lab.netns()));
    }

    /** A runner for commands inside the lab host's network namespace. */
    CommandRunner inLab() {
        return new CommandRunner(new Target.Netns(lab.netns()));
    }

    /** virsh against the lab's libvirtd; fails with virsh's message. */
    String virsh(String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", lab.uri()));
        argv.addAll(List.of(args));
        return new CommandRunner(new Target.Local()).output(argv);
    }

    /** virsh, whatever comes of it (for cleaning up). */
    void virshQuietly(String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", lab.uri()));
        argv.addAll(List.of(args));
        new CommandRunner(new Target.Local()).run(argv);
    }
}
