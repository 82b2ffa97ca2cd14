package dev.virtwire.diagnose;

import dev.virtwire.host.exec.Background;
import dev.virtwire.model.LinkName;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandLine;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Probes that run real commands where the host's kernel lives (here, in a network namespace, over ssh),
 * each bounded in time. A probe that cannot run (tool missing, no permission) still answers, with the
 * error as its output, so the evidence says why nothing was learnt.
 */
public final class CommandProbes implements Probes {
    /** A probe's commands mostly wait (on the host, on the network): each gets a thread of its own. */
    private static final Executor PROBE_THREADS = Background.threads("virtwire-probe");
    /**
     * How long the guest is listened to: a guest that is trying to reach something asks again every second
     * (ARP, ping, TCP retries), so two seconds see it twice; an idle guest shows nothing in four either, and
     * every diagnosis (and a fix, before and after) waits for the whole window.
     */
    private static final String CAPTURE_SECONDS = "2";
    /** Reads of a forwarding table, spread inside the capture's seconds so that sampling adds no time. */
    private static final int FDB_READS = 8;
    private static final Duration FDB_SPAN = Duration.ofMillis(1800);

    private final CommandRunner runner;
    private final String libvirtUri;
    /** Each probe's run, by its argv: shared by the rules that ask for it, and by probes started ahead. */
    private final Map<List<String>, CompletableFuture<ProbeRun>> done = new ConcurrentHashMap<>();
    /** Each bridge's sampled forwarding table, once per diagnosis as {@link #done}. */
    private final Map<String, CompletableFuture<FdbReads>> sampled = new ConcurrentHashMap<>();

    /** The probes a host has: commands where its kernel lives; none on the demo host, which has no kernel. */
    public static Probes at(HostAddress address) {
        return address.isDemo() ? Probes.none()
                : new CommandProbes(new CommandRunner(address.target()), address.uri());
    }

    public CommandProbes(CommandRunner runner, String libvirtUri) {
        this.runner = runner;
        this.libvirtUri = libvirtUri;
    }

    @Override
    public Probes forOneDiagnosis() {
        return new CommandProbes(runner, libvirtUri);
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public Optional<ProbeRun> ping(String address, Optional<String> fromAddress) {
        // half a second apart: an answered probe takes 0.5 s, not 1 s (0.2 s is the least a user may ask for)
        List<String> argv = new ArrayList<>(List.of("ping", "-n", "-c", "2", "-i", "0.5", "-W", "2"));
        if (address.contains(":")) {
            argv.add(1, "-6"); // said, not guessed by ping from the address
        }
        fromAddress.ifPresent(from -> argv.addAll(List.of("-I", from)));
        argv.add(address);
        return Optional.of(run(argv));
    }

    /** nft and iptables-save, as the snapshot read them; a filter that cannot be read answers empty. */
    @Override
    public Optional<FirewallState> firewallNow() {
        // the counters that moved while probing: firewalld's zones and policies are the snapshot's
        FirewallState now = new FirewallReader(runner, PROBE_THREADS, false).read().state();
        return now.backend() == FirewallBackend.UNKNOWN ? Optional.empty() : Optional.of(now);
    }

    @Override
    public Optional<ProbeRun> arping(String link, String address) {
        // -b keeps asking by broadcast: after the first reply arping would ask that one MAC only
        // two requests: every device that holds the address answers each of them
        return Optional.of(run(List.of("arping", "-b", "-c", "2", "-w", "3", "-I", link, address)));
    }

    @Override
    public Optional<ProbeRun> capture(String tap, String mac) {
        return Optional.of(run(captureArgv(tap, mac)));
    }

    /** Runs the probe on a thread of its own: its run lands in {@link #done}, where the rule that asks finds it. */
    @Override
    public void ahead(java.util.function.Consumer<Probes> probe) {
        PROBE_THREADS.execute(() -> {
            try {
                probe.accept(this);
            } catch (RuntimeException e) {
                // the rule that asks for it meets the same failure, and says what it could not check
            }
        });
    }

    private static List<String> captureArgv(String tap, String mac) {
        // timeout ends the capture quietly; tcpdump's -c ends it early on a chatty guest
        return List.of("timeout", CAPTURE_SECONDS, "tcpdump", "-l", "-n", "-e", "-c", "20", "-i", tap, "ether", "src",
                mac);
    }

    @Override
    public Optional<ProbeRun> leases(String network) {
        return Optional.of(run(List.of("virsh", "-c", libvirtUri, "net-dhcp-leases", network)));
    }

    @Override
    public Optional<ProbeRun> fdb(String bridge) {
        return Optional.of(run(fdbArgv(bridge)));
    }

    @Override
    public Optional<FdbReads> fdbReads(String bridge) {
        return Optional.of(once(sampled, bridge, () -> sample(bridge)));
    }

    /** The first read is the shared {@link #fdb} one; the others follow at even steps across {@link #FDB_SPAN}. */
    private FdbReads sample(String bridge) {
        List<String> argv = fdbArgv(bridge);
        long start = System.nanoTime();
        List<ProbeRun> reads = new ArrayList<>(List.of(run(argv)));
        for (int i = 1; i < FDB_READS; i++) {
            long due = start + FDB_SPAN.toNanos() * i / (FDB_READS - 1);
            long wait = due - System.nanoTime();
            try {
                if (wait > 0) {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break; // the reads so far still count
            }
            reads.add(execute(argv));
        }
        return new FdbReads(reads, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<String> fdbArgv(String bridge) {
        return List.of("bridge", "fdb", "show", "br", bridge);
    }

    @Override
    public Optional<ProbeRun> bridgePorts() {
        return Optional.of(run(List.of("bridge", "link", "show")));
    }

    @Override
    public Optional<ProbeRun> ipv6Neighbours(String link, Optional<String> from) {
        List<String> ping = new ArrayList<>(List.of("ping", "-6", "-n", "-c", "2", "-W", "1"));
        from.ifPresent(f -> ping.addAll(List.of("-I", f)));
        ping.add("ff02::1%" + LinkName.require(link, "link"));
        ProbeRun asked = run(ping);
        ProbeRun table = neighbours6(link).orElseThrow();
        return Optional.of(new ProbeRun(asked.command() + "; " + table.command(), table.ok(), table.output()));
    }

    @Override
    public Optional<ProbeRun> neighbours6(String link) {
        return Optional.of(run(List.of("ip", "-6", "neigh", "show", "dev", LinkName.require(link, "link"))));
    }

    @Override
    public Optional<ProbeRun> dhcpServers() {
        return Optional.of(run(List.of("pgrep", "-a", "dnsmasq")));
    }

    /**
     * Each probe runs once per diagnosis (see {@link #forOneDiagnosis()}): rules that share a fact share its run,
     * and one started ahead is waited for. No lock is held while a probe runs.
     */
    private ProbeRun run(List<String> argv) {
        return once(done, argv, () -> execute(argv));
    }

    /** The work for {@code key} done by the first caller; the others wait for it and share its result. */
    private static <K, T> T once(Map<K, CompletableFuture<T>> memo, K key, java.util.function.Supplier<T> work) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> earlier = memo.putIfAbsent(key, mine);
        if (earlier == null) {
            try {
                mine.complete(work.get());
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
        }
        return Background.joined(earlier == null ? mine : earlier);
    }

    private ProbeRun execute(List<String> a) {
        String shown = CommandLine.of(runner.target().shown(a));
        try {
            return probeRun(a, shown, runner.run(a), runner.target().describe());
        } catch (HostException e) {
            return ProbeRun.couldNotRun(shown, e.getMessage());
        }
    }

    /**
     * What a finished probe tells: a missing tool, or a capture or arping that failed before it probed (no such
     * device, no permission), could not run; a ping without answer, or an arping nobody answered, did run.
     */
    static ProbeRun probeRun(List<String> argv, String shown, CommandResult result, String where) {
        boolean timed = argv.get(0).equals("timeout");
        String tool = timed ? argv.get(2) : argv.get(0);
        if (result.programMissing()) {
            return ProbeRun.couldNotRun(shown, CommandRunner.notInstalled(tool) + " on " + where + ": install it for "
                    + "this check");
        }
        // timeout(1) exits 124 when it ended the capture: that is the normal end, not a failure
        boolean ended = timed && (result.ok() || result.exitCode() == 124);
        // arping exits 1 when fewer replies than requests came back (none at all: nobody has the address), 2 on
        // an error
        boolean asked = tool.equals("arping") && result.exitCode() <= 1;
        if ((timed && !ended) || (tool.equals("arping") && !asked)) {
            return ProbeRun.couldNotRun(shown, (result.stderr() + result.stdout()).strip());
        }
        boolean ok = result.ok() || ended || (asked && result.stdout().contains("reply from"));
        // tcpdump says on stderr what it listens on and how many it caught: not evidence
        String output = result.stdout() + (result.stderr().isBlank() || timed ? "" : result.stderr());
        return new ProbeRun(shown, ok, output);
    }
}
