package dev.virtwire.bench;

import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

/**
 * The same facts collected the way people do today: one virsh process in batch mode (domiflist, domifaddr,
 * dumpxml per guest; net-dumpxml per network), then ip, bridge and nft, each one process.
 */
final class Baseline {
    private final String uri;
    private final CommandRunner local = new CommandRunner(new Target.Local(), Duration.ofMinutes(5));
    private final CommandRunner lab;

    Baseline(String uri, String netns) {
        this.uri = uri;
        this.lab = new CommandRunner(new Target.Netns(netns), Duration.ofMinutes(2));
    }

    /** Wall time of one full collection, in ms. */
    double collectOnce() {
        List<String> guests = lines(local.output(List.of("virsh", "-c", uri, "list", "--all", "--name")));
        List<String> networks = lines(local.output(List.of("virsh", "-c", uri, "net-list", "--all", "--name")));
        StringJoiner batch = new StringJoiner(" ; ");
        for (String g : guests) {
            batch.add("domiflist " + g).add("domifaddr " + g).add("dumpxml " + g);
        }
        networks.forEach(n -> batch.add("net-dumpxml " + n));
        long start = System.nanoTime();
        CommandResult virsh = local.run(List.of("virsh", "-c", uri, batch.toString()));
        if (!virsh.stdout().contains("</domain>")) {
            throw new IllegalStateException("the virsh batch printed no domain: " + virsh.stderr());
        }
        lab.output(List.of("ip", "-j", "-d", "addr"));
        lab.output(List.of("bridge", "-j", "link"));
        lab.output(List.of("nft", "-j", "list", "ruleset"));
        return Samples.millisSince(start);
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
