package dev.virtwire.bench;

import dev.virtwire.change.Changes;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.NicType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Moving a running guest's NIC between two networks: Virtwire's whole apply (drift check against a fresh
 * read, update-device, read back and verify, journal) and its undo, against the bare `virsh update-device`.
 */
final class AttachBench {
    private final Host host;
    private final HostAddress address;
    private final String uri;

    AttachBench(Host host, HostAddress address, String uri) {
        this.host = host;
        this.address = address;
        this.uri = uri;
    }

    /** [virtwire apply, virtwire undo, bare virsh] samples, alternating directions so each run moves the NIC. */
    List<Samples> run(String guest, int runs) throws Exception {
        String mac = host.snapshot().guest(guest).orElseThrow().nics().get(0).mac();
        Samples apply = new Samples();
        Samples undo = new Samples();
        Samples virsh = new Samples();
        Path state = Files.createTempDirectory("virtwire-bench-state");
        try (Changes changes = new Changes(host, address, state)) {
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                changes.apply(changes.plan(new GuestIntent.AttachNic(guest, mac, NicType.NETWORK, "isolated", Scope.LIVE)));
                apply.add(Samples.millisSince(start));
                start = System.nanoTime();
                changes.undo();
                undo.add(Samples.millisSince(start));
            }
        }
        CommandRunner local = new CommandRunner(new Target.Local());
        for (int i = 0; i < runs; i++) {
            for (String network : List.of("isolated", "default")) {
                Path xml = Files.createTempFile("virtwire-nic", ".xml");
                try {
                    Files.writeString(xml, "<interface type='network'><mac address='" + mac + "'/><source network='"
                            + network + "'/><model type='virtio'/></interface>");
                    long start = System.nanoTime();
                    local.output(List.of("virsh", "-c", uri, "update-device", guest, xml.toString(), "--live"));
                    double ms = Samples.millisSince(start);
                    if (network.equals("isolated")) {
                        virsh.add(ms);
                    }
                } finally {
                    Files.deleteIfExists(xml);
                }
            }
        }
        return List.of(apply, undo, virsh);
    }
}
