package dev.virtwire.bench;

import dev.virtwire.host.Host;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.HostSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * How long after an external change (another admin's `ip link set … master …` or `virsh update-device`)
 * the model shows it. Timed from the moment the external command has returned.
 */
final class LiveUpdateBench {
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private final Host host;
    private final String uri;
    private final CommandRunner lab;
    private final CommandRunner local = new CommandRunner(new Target.Local());
    private final LinkedBlockingQueue<HostSnapshot> changes = new LinkedBlockingQueue<>();

    LiveUpdateBench(Host host, String uri, String netns) {
        this.host = host;
        this.uri = uri;
        this.lab = new CommandRunner(new Target.Netns(netns));
    }

    Samples run(int linkMoves, List<String> runningGuests) throws Exception {
        Samples samples = new Samples();
        try (AutoCloseable watch = host.watch(c -> changes.add(c.snapshot()))) {
            Thread.sleep(2000); // steady state: ip monitor listens and the start's own re-read is done
            for (int i = 0; i < linkMoves; i++) {
                String link = ScaleLab.LINK_PREFIX + i + "v1b";
                String bridge = ScaleLab.LINK_PREFIX + "br" + i;
                samples.add(time(List.of("ip", "link", "set", link, "master", bridge), lab,
                        s -> s.link(link).flatMap(l -> l.master()).equals(Optional.of(bridge))));
                samples.add(time(List.of("ip", "link", "set", link, "nomaster"), lab,
                        s -> s.link(link).flatMap(l -> l.master()).isEmpty()));
            }
            for (String guest : runningGuests) {
                String mac = host.snapshot().guest(guest).orElseThrow().nics().get(0).mac();
                for (String network : List.of("isolated", "default")) {
                    Path xml = Files.createTempFile("virtwire-nic", ".xml");
                    try {
                        Files.writeString(xml, "<interface type='network'><mac address='" + mac + "'/><source network='"
                                + network + "'/><model type='virtio'/></interface>");
                        samples.add(time(List.of("virsh", "-c", uri, "update-device", guest, xml.toString(), "--live"),
                                local, s -> s.guest(guest).flatMap(g -> g.nic(mac)).flatMap(n -> n.source())
                                        .equals(Optional.of(network))));
                    } finally {
                        Files.deleteIfExists(xml);
                    }
                }
            }
        }
        return samples;
    }

    private double time(List<String> command, CommandRunner runner, Predicate<HostSnapshot> seen)
            throws InterruptedException, IOException {
        changes.clear();
        runner.output(command);
        long start = System.nanoTime();
        long deadline = start + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            HostSnapshot s = changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s != null && seen.test(s)) {
                return Samples.millisSince(start);
            }
        }
        throw new IllegalStateException("the model did not show '" + String.join(" ", command) + "' within "
                + GIVE_UP.toSeconds() + " s");
    }
}
