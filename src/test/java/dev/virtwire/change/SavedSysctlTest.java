package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.SavedSysctlOp;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.Scope;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.kernel.KernelChanges;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding saved for the next boot in /etc/sysctl.d/60-virtwire.conf, live, saved or both: only the half that
 * differs changes, others' lines stay, undo puts the file back byte for byte (also from the journal, in a new
 * session), and a file another admin changed after the plan is not written.
 */
class SavedSysctlTest {
    private static final HostAddress SIM = new HostAddress("sim:///saved-sysctl", new Target.Local());
    /** What an admin wrote there before: a comment, a line of theirs, forwarding the other way, no final newline. */
    private static final String THEIRS = "# mine\nnet.ipv4.conf.all.rp_filter=2\nnet.ipv4.ip_forward = 0\n; end";

    @TempDir
    Path state;

    @Test
    void bothTurnsItOnAndSavesItAndUndoTakesBothBack() {
        SimulatedHost host = SimulatedHost.demo();
        host.setIpForward(false);
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new SysctlIntent.SetIpForward(true, Scope.BOTH));
            assertEquals(List.of("sysctl -w net.ipv4.ip_forward=1",
                    "tee /etc/sysctl.d/.60-virtwire.conf.virtwire-new",
                    "chmod 644 /etc/sysctl.d/.60-virtwire.conf.virtwire-new",
                    "chown root:root /etc/sysctl.d/.60-virtwire.conf.virtwire-new",
                    "mv -f /etc/sysctl.d/.60-virtwire.conf.virtwire-new /etc/sysctl.d/60-virtwire.conf"),
                    plan.commands().stream().filter(l -> !l.startsWith(" ")).toList());
            assertTrue(plan.commands().contains("    # +net.ipv4.ip_forward = 1"), plan.commands()::toString);
            changes.apply(plan);
            assertEquals(Optional.of(true), host.snapshot().kernel().ipForward());
            assertEquals(Optional.of("1"), SysctlConf.valueOf(host.savedFile(), "net.ipv4.ip_forward"));

            changes.undo();
            assertEquals(Optional.of(false), host.snapshot().kernel().ipForward());
            assertEquals(Optional.empty(), host.savedFile(), "the file Virtwire made is gone again");
        }
    }

    @Test
    void othersLinesStayTheKeysLineChangesWhereItIsAndUndoFromTheJournalRestoresTheFileByteForByte() {
        SimulatedHost host = SimulatedHost.demo();
        host.saveFile(Optional.empty(), Optional.of(THEIRS));
        try (Changes changes = new Changes(host, SIM, state)) {
            changes.apply(changes.plan(new SysctlIntent.SetIpForward(true, Scope.CONFIG)));
        }
        assertEquals(Optional.of("# mine\nnet.ipv4.conf.all.rp_filter=2\nnet.ipv4.ip_forward = 1\n; end\n"),
                host.savedFile());
        assertEquals(Optional.of(true), host.snapshot().kernel().ipForward(), "saved only: the kernel untouched");
        try (Changes later = new Changes(host, SIM, state)) {
            later.undo();
        }
        assertEquals(Optional.of(THEIRS), host.savedFile());
    }

    @Test
    void aLinksForwardingIsSavedUnderItsSysctlNameAndADotInTheNameIsASlash() {
        assertEquals("net.ipv4.conf.eth0/100.forwarding", SysctlConf.forwardingKey(Optional.of("eth0.100")));
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            changes.apply(changes.plan(new SysctlIntent.SetLinkForwarding("virbr0", false, Scope.BOTH)));
            assertTrue(host.snapshot().kernel().notForwarding().contains("virbr0"));
            assertEquals(Optional.of("0"), SysctlConf.valueOf(host.savedFile(), "net.ipv4.conf.virbr0.forwarding"));
            changes.undo();
            assertFalse(host.snapshot().kernel().notForwarding().contains("virbr0"));
            assertEquals(Optional.empty(), host.savedFile());
        }
    }

    /**
     * Over --netns there is no /etc of the namespace's own to save in: a link's forwarding chosen for every boot (as
     * the window's link inspector offers it) is refused with that reason before anything runs; now only is planned.
     */
    @Test
    void aLinksForwardingSavedOverNetnsIsRefusedWithTheReasonAndNowOnlyIsPlanned() {
        KernelChanges namespace = new KernelChanges(new CommandRunner(new Target.Netns("vw-nothing")), Privilege.none());
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        HostReader overNetns = new HostReader() {
            @Override
            public HostSnapshot snapshot() {
                return demo;
            }

            @Override
            public Optional<String> savedSysctls() {
                return namespace.readSysctlConf();
            }

            @Override
            public AutoCloseable watch(java.util.function.Consumer<dev.virtwire.host.HostChange> listener) {
                return () -> { };
            }

            @Override
            public void close() {
            }
        };
        SysctlPlanner planner = new SysctlPlanner(demo, overNetns);
        for (Scope saved : List.of(Scope.BOTH, Scope.CONFIG)) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> planner.setLinkForwarding(
                    new SysctlIntent.SetLinkForwarding("virbr0", saved == Scope.CONFIG, saved)));
            assertTrue(refused.getMessage().contains("does not save sysctls for network namespace vw-nothing")
                    && refused.getMessage().contains("--scope live"), refused.getMessage());
        }
        assertEquals(List.of("sysctl -w net.ipv4.conf.virbr0.forwarding=0"), planner.setLinkForwarding(
                new SysctlIntent.SetLinkForwarding("virbr0", false, Scope.LIVE)).commands());
    }

    @Test
    void whatIsSoAlreadyIsRefusedAndOnlyTheHalfThatDiffersChanges() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            ChangeRefused live = assertThrows(ChangeRefused.class,
                    () -> changes.plan(new SysctlIntent.SetIpForward(true, Scope.LIVE)));
            assertEquals("IPv4 forwarding is on already", live.getMessage());
            Plan both = changes.plan(new SysctlIntent.SetIpForward(true, Scope.BOTH));
            assertEquals(1, both.operations().size(), "on already: only the file is written");
            changes.apply(both);
            ChangeRefused saved = assertThrows(ChangeRefused.class,
                    () -> changes.plan(new SysctlIntent.SetIpForward(true, Scope.CONFIG)));
            assertEquals("/etc/sysctl.d/60-virtwire.conf saves net.ipv4.ip_forward = 1 already", saved.getMessage());
        }
    }

    @Test
    void aHistoryWrittenBeforeScopesReadsAsLiveAndTheNewStepsRoundTrip() throws Exception {
        Intent old = JournalJson.MAPPER.readValue("{\"intent\": \"set-ip-forward\", \"on\": true}", Intent.class);
        assertEquals(new SysctlIntent.SetIpForward(true, Scope.LIVE), old);
        SavedSysctlOp op = new SavedSysctlOp(Optional.of(THEIRS), Optional.empty(), "remove it");
        assertEquals(op, JournalJson.MAPPER.readValue(JournalJson.MAPPER.writeValueAsString(op), Operation.class));
    }

    @Test
    void aFileChangedAfterThePlanIsNotWritten() {
        SimulatedHost host = SimulatedHost.demo();
        try (Changes changes = new Changes(host, SIM, state)) {
            Plan plan = changes.plan(new SysctlIntent.SetIpForward(false, Scope.CONFIG));
            host.saveFile(Optional.empty(), Optional.of(THEIRS));
            assertThrows(RuntimeException.class, () -> changes.apply(plan));
            assertEquals(Optional.of(THEIRS), host.savedFile(), "another admin's file is left as they wrote it");
        }
    }
}
