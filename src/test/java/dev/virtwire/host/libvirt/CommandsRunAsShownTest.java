package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.FirewallIntent;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.Intent;
import dev.virtwire.change.LinkIntent;
import dev.virtwire.change.RouteIntent;
import dev.virtwire.change.SysctlIntent;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.GuestNics;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostFirewall;
import dev.virtwire.host.KernelLinks;
import dev.virtwire.host.LibvirtNetworks;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.RevertWatchdog;
import dev.virtwire.host.Sysctl;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.kernel.KernelChanges;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a step's preview shows is what the real host runs: every kernel, sysctl, firewall and watchdog step of
 * real plans (and their inverses) is applied through the real host's writers and KernelChanges, with the
 * privilege prefix set to a recorder that logs each argv and its stdin; the log must equal the step's
 * {@link Operation#commands()}, whose shown lines are the preview. The same steps applied to the demo host
 * verify, so the simulated host did what the commands say.
 */
class CommandsRunAsShownTest {
    static final HostAddress SIM = new HostAddress("sim:///commands", new Target.Local());

    @TempDir
    Path dir;

    @Test
    void kernelFirewallAndWatchdogStepsRunExactlyTheirPreview() throws IOException {
        List<Intent> intents = List.of(new LinkIntent.SetLinkUp("eth1", false),
                new LinkIntent.SetLinkMaster("eth1", Optional.empty()), new LinkIntent.SetLinkMtu("br0", 9000),
                new SysctlIntent.SetIpForward(false), new LinkIntent.CreateBridge("br-test", true, 4),
                new SysctlIntent.SetLinkForwarding("virbr0", false, dev.virtwire.host.Scope.LIVE),
                new LinkIntent.BridgeUplink("eth0", "brlan", true, 60),
                new RouteIntent.AddRoute("10.99.0.0/16", Optional.of("192.168.1.254"), "eth0", Optional.of(50)));
        assertTrue(runAsShown(SimulatedHost.demo(), intents, true) > 20);
    }

    @Test
    void firewallStepsRunExactlyTheirPreview() throws IOException {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        SimulatedHost iptables = new SimulatedHost(demo.withFirewall(new FirewallState(FirewallBackend.IPTABLES_NFT,
                demo.firewall().policies(), demo.firewall().rules())));
        assertEquals(8, runAsShown(iptables, List.of(new FirewallIntent.AcceptBridgeTraffic("br0"),
                new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80)), true));
        // nftables deletes a rule by its handle, which only a listing at run time gives: the preview shows the
        // listing and the handle as a placeholder, so only adding is compared here
        assertEquals(4, runAsShown(SimulatedHost.demo(),
                List.of(new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80)), false));
    }

    /** Plans the intents on the host, applies each step (and its inverse) through the real writers: @return commands */
    private int runAsShown(SimulatedHost host, List<Intent> intents, boolean inverses) throws IOException {
        Path recorder = recorder();
        List<Operation> steps = new ArrayList<>();
        try (Changes changes = new Changes(host, SIM, dir.resolve("state"))) {
            for (Intent intent : intents) {
                for (Operation op : changes.plan(intent).operations()) {
                    steps.add(op);
                    if (inverses) {
                        steps.add(op.inverse());
                    }
                }
            }
        }
        KernelChanges kernel = new KernelChanges(new CommandRunner(new Target.Local()),
                new Privilege(List.of(recorder.toString())));
        LibvirtHostWrites writes = new LibvirtHostWrites(() -> {
            throw new AssertionError("no libvirt call in these steps");
        }, kernel, host::snapshot, subjects -> { });
        Host real = new PartsOnly(host, writes);
        int count = 0;
        for (Operation step : steps) {
            int before = calls().size();
            step.apply(real);
            List<HostCommand> ran = calls().subList(before, calls().size());
            assertEquals(step.commands(), ran, step.describe());
            assertEquals(HostCommand.shown(step.commands()), step.preview(), step.describe());
            count += ran.size();
        }
        return count;
    }

    @Test
    void theDemoHostDoesWhatTheCommandsSay() {
        SimulatedHost demo = SimulatedHost.demo();
        try (Changes changes = new Changes(demo, SIM, dir.resolve("state"))) {
            for (Intent intent : List.of(new LinkIntent.SetLinkMtu("br0", 9000), new GuestIntent.SetNicLink("build",
                    "52:54:00:3a:10:08", false), new GuestIntent.AttachNic("web1", "52:54:00:3a:10:01",
                    dev.virtwire.model.NicType.NETWORK, "isolated", dev.virtwire.host.Scope.BOTH))) {
                for (Operation op : changes.plan(intent).operations()) {
                    op.apply(demo);
                    assertEquals(Optional.empty(), op.unverified(demo.snapshot()), op.describe());
                }
            }
        }
    }

    /** A script that logs its argv and stdin, one directory per call, and succeeds. */
    private Path recorder() throws IOException {
        Path script = dir.resolve("record");
        if (Files.exists(script)) {
            return script;
        }
        Files.writeString(script, "#!/bin/sh\nd=\"" + dir.resolve("calls") + "\"\nmkdir -p \"$d\"\n"
                + "i=$(ls \"$d\" | wc -l)\nmkdir \"$d/$i\"\nprintf '%s\\n' \"$@\" > \"$d/$i/argv\"\n"
                + "cat > \"$d/$i/stdin\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private List<HostCommand> calls() {
        Path calls = dir.resolve("calls");
        if (!Files.isDirectory(calls)) {
            return List.of();
        }
        try (Stream<Path> each = Files.list(calls)) {
            List<HostCommand> out = new ArrayList<>();
            for (Path call : each.sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                    .toList()) {
                List<String> argv = Files.readAllLines(call.resolve("argv"), StandardCharsets.UTF_8);
                out.add(new HostCommand.Run(argv, Files.readString(call.resolve("stdin"), StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads from the demo host; changes through the real host's writers only. */
    private record PartsOnly(SimulatedHost reads, LibvirtHostWrites writes) implements Host {
        @Override public HostSnapshot snapshot() { return reads.snapshot(); }
        @Override public AutoCloseable watch(Consumer<HostChange> listener) { return () -> { }; }
        @Override public void close() { }
        @Override public GuestNics guests() { return writes.guests; }
        @Override public LibvirtNetworks virtualNetworks() { return writes.networks; }
        @Override public KernelLinks kernel() { return writes.kernel; }
        @Override public HostFirewall firewall() { return writes.firewall; }
        @Override public Sysctl sysctl() { return writes.sysctl; }
        @Override public RevertWatchdog watchdog() { return writes.watchdog; }
        @Override public dev.virtwire.host.SavedNetworkConfig savedConfig() {
            throw new UnsupportedOperationException("no saved configuration here");
        }
    }
}
