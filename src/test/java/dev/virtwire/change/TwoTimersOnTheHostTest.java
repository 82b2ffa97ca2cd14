package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.BridgeOp;
import dev.virtwire.change.op.CheckpointOp;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.netconf.SavedConfigWrites;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confirming the uplink bridged through netplan rendered for NetworkManager, with the timers stopped by the real
 * commands ({@link SavedConfigWrites}): the host is faked by the privilege prefix, a script that answers each command
 * from a folder (the checkpoint's kept path, the YAML timer's "armed" file) and fails {@code rm} of the armed file as
 * ssh fails when the folder holds "unreachable". What runs is the simulated host's (the bridge is a kernel step there);
 * the YAML files the timer puts back are a map the test sets.
 */
class TwoTimersOnTheHostTest {
    private static final HostAddress SIM = new HostAddress("sim:///two-timers-commands", new Target.Local());
    private static final ConfigFile THEIRS = new ConfigFile("/etc/netplan/01-lab.yaml",
            "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n", "600", "root", "root");
    private static final ConfigFile OURS = ConfigFile.privateToRoot("/etc/netplan/90-virtwire-brlan.yaml",
            "network:\n  bridges:\n    brlan:\n      interfaces: [eth0]\n      dhcp4: true\n");
    private static final List<ConfigFileChange> FILES = List.of(ConfigFileChange.written(OURS),
            ConfigFileChange.rewritten(THEIRS, THEIRS.withText("network:\n  ethernets:\n    eth0: {}\n")));
    private static final String STOP_TIMER = "rm /run/virtwire/revert-yaml-2.batch.armed";

    @TempDir
    Path dir;
    @TempDir
    Path state;
    private Path host;
    private SavedConfigWrites writes;

    @BeforeEach
    void fakeRoot() throws IOException {
        host = Files.createDirectory(dir.resolve("host"));
        Path fake = dir.resolve("fake-root");
        Files.writeString(fake, "#!/bin/sh\nd='" + host + "'\ninput=$(cat)\necho \"$*\" >> \"$d/log\"\n"
                + "case \" $* \" in\n"
                + "  *' CheckpointCreate '*) echo 'o \"/org/freedesktop/NetworkManager/Checkpoint/7\"' ;;\n"
                + "  *' tee /run/virtwire/nm-checkpoint-'*) printf '%s\\n' \"$input\" > \"$d/checkpoint\" ;;\n"
                + "  *' cat /run/virtwire/nm-checkpoint-'*) cat \"$d/checkpoint\" 2>/dev/null && exit 0\n"
                + "      echo \"cat: $2: No such file or directory\" >&2; exit 1 ;;\n"
                + "  *' rm -f /run/virtwire/nm-checkpoint-'*) rm -f \"$d/checkpoint\" ;;\n"
                + "  *' touch /run/virtwire/'*'.armed '*) touch \"$d/armed\" ;;\n"
                + "  *' rm /run/virtwire/'*'.armed '*)\n"
                + "      if [ -f \"$d/unreachable\" ]; then echo 'ssh: connect to host lab port 22: Connection timed "
                + "out' >&2; exit 255; fi\n"
                + "      rm \"$d/armed\" 2>/dev/null && exit 0\n"
                + "      echo \"rm: cannot remove '$2': No such file or directory\" >&2; exit 1 ;;\n"
                + "esac\nexit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        writes = new SavedConfigWrites(new CommandRunner(new Target.Local()), new Privilege(List.of(fake.toString())));
    }

    /** The retry is another run of virtwire (a new Changes on the same journal), as `virtwire confirm` again is. */
    @Test
    void anUnreachableHostAtTheYamlTimerIsNotTakenForTooLateAndARetryStopsOnlyIt() throws IOException {
        SimulatedHostSaving fake = new SimulatedHostSaving(SimulatedHost.demo(), writes, new HashMap<>());
        try (Changes changes = new Changes(fake, SIM, state)) {
            applyUnderBothTimers(changes);
            Files.createFile(host.resolve("unreachable"));
            HostException half = assertThrows(HostException.class, changes::confirm);
            assertTrue(half.getMessage().startsWith("not confirmed yet: NetworkManager's checkpoint was stopped, but "
                    + "Virtwire's timer for netplan's files could not be stopped ('"), half.getMessage());
            assertTrue(half.getMessage().contains(STOP_TIMER + "' failed on this machine (exit 255): ssh: connect to "
                    + "host lab port 22: Connection timed out)"), half.getMessage());
            assertTrue(half.getMessage().contains("it puts /etc/netplan/90-virtwire-brlan.yaml and "
                    + "/etc/netplan/01-lab.yaml back as they were"), half.getMessage());
            assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, changes.history().get(0).status());
            assertTrue(Files.exists(host.resolve("armed")), "the timer still runs");
        }
        try (Changes changes = new Changes(fake, SIM, state)) {
            Files.delete(host.resolve("unreachable"));
            Files.writeString(host.resolve("log"), "");
            assertEquals(HistoryEntry.Status.APPLIED, changes.confirm().status());
            String retry = Files.readString(host.resolve("log"));
            assertFalse(retry.contains("nm-checkpoint") || retry.contains("CheckpointDestroy"),
                    "the checkpoint is not asked for again: " + retry);
            assertTrue(retry.startsWith(STOP_TIMER + "\n"), retry);
            assertFalse(Files.exists(host.resolve("armed")));
        }
    }

    /** The YAML timer ran out between the two confirms and NetworkManager, reading the files back, dropped brlan. */
    @Test
    void aYamlTimerThatRanOutMeanwhileIsToldAsItEndedWhenTheBridgeIsGone() throws IOException {
        SimulatedHost sim = SimulatedHost.demo();
        Map<String, ConfigFile> files = new HashMap<>();
        try (Changes changes = new Changes(new SimulatedHostSaving(sim, writes, files), SIM, state)) {
            applyUnderBothTimers(changes);
            halfConfirm(changes);
            ranOut(files);
            sim.kernel().deleteBridge("brlan");
            ChangeRefused late = assertThrows(ChangeRefused.class, changes::confirm);
            assertTrue(late.getMessage().startsWith("too late: NetworkManager's checkpoint was stopped, but Virtwire's "
                    + "timer for netplan's files was gone already (at "), late.getMessage());
            assertTrue(late.getMessage().contains("read now: the files are as they were before the change and it no "
                    + "longer runs: the host has reverted it"), late.getMessage());
            HistoryEntry entry = changes.history().get(0);
            assertEquals(HistoryEntry.Status.REVERTED, entry.status());
            assertTrue(late.getMessage().endsWith(entry.note().orElseThrow()), entry.note().orElseThrow());
        }
    }

    /** The YAML timer ran out meanwhile but brlan still runs: kept, never "reverted", and said to be unsaved. */
    @Test
    void aYamlTimerThatRanOutMeanwhileLeavesARunningBridgeAppliedButUnsaved() throws IOException {
        Map<String, ConfigFile> files = new HashMap<>();
        try (Changes changes = new Changes(new SimulatedHostSaving(SimulatedHost.demo(), writes, files), SIM, state)) {
            applyUnderBothTimers(changes);
            halfConfirm(changes);
            ranOut(files);
            HistoryEntry entry = changes.confirm();
            assertEquals(HistoryEntry.Status.APPLIED, entry.status());
            String note = entry.note().orElseThrow();
            assertTrue(note.contains("read now: the change still runs, but its files are as they were before it, so "
                    + "it is not saved: the next boot brings the host up as they say, without it"), note);
            assertEquals(Optional.of(note), changes.history().get(0).note());
        }
    }

    /** The user stopped the YAML timer on the host, as the message said: its files are as the change wrote them. */
    @Test
    void aYamlTimerStoppedByHandMeanwhileKeepsTheChange() throws IOException {
        Map<String, ConfigFile> files = new HashMap<>();
        FILES.forEach(f -> files.put(f.path(), f.after().orElseThrow()));
        try (Changes changes = new Changes(new SimulatedHostSaving(SimulatedHost.demo(), writes, files), SIM, state)) {
            applyUnderBothTimers(changes);
            halfConfirm(changes);
            Files.delete(host.resolve("armed"));
            HistoryEntry entry = changes.confirm();
            assertEquals(HistoryEntry.Status.APPLIED, entry.status());
            assertTrue(entry.note().orElseThrow().contains("read now: the change runs and its files are as it wrote "
                    + "them: it is kept"), entry.note().orElseThrow());
        }
    }

    /**
     * Once the checkpoint is stopped, its deadline passing says nothing: the history keeps the change waiting (what
     * the YAML timer did only a confirmation, which asks the host, can tell), and the deadline shown is the timer's.
     */
    @Test
    void aHalfConfirmedChangeIsNotCalledRevertedWhenItsFirstDeadlinePasses() throws Exception {
        try (Changes changes = new Changes(new SimulatedHostSaving(SimulatedHost.demo(), writes, new HashMap<>()), SIM, state)) {
            changes.apply(new Plan(new LinkIntent.BridgeUplink("eth0", "brlan", false, 60, Optional.empty()),
                    "Bridge the uplink through netplan (NetworkManager)", List.of(new CheckpointOp("cp-3", 1, true),
                    new UplinkWatchdogOp("yaml-3", 600, LinkOwner.NETWORK_MANAGER, FILES, Optional.empty(), "eth0",
                            List.of(), true))));
            java.time.Instant first = changes.awaitingConfirmation().orElseThrow().deadline();
            halfConfirm(changes);
            assertEquals(first.plusSeconds(599), changes.awaitingConfirmation().orElseThrow().deadline());
            Thread.sleep(4_500); // past the checkpoint's deadline and the grace after it
            assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, changes.history().get(0).status());
            assertEquals(HistoryEntry.Status.APPLIED, changes.confirm().status());
        }
    }

    private void halfConfirm(Changes changes) throws IOException {
        Files.createFile(host.resolve("unreachable"));
        assertThrows(HostException.class, changes::confirm);
        Files.delete(host.resolve("unreachable"));
    }

    /** What the YAML timer does when it runs out: the armed file gone, every file back as it was. */
    private void ranOut(Map<String, ConfigFile> files) throws IOException {
        Files.delete(host.resolve("armed"));
        files.put(THEIRS.path(), THEIRS);
        files.remove(OURS.path());
    }

    private static void applyUnderBothTimers(Changes changes) {
        HistoryEntry entry = changes.apply(new Plan(new LinkIntent.BridgeUplink("eth0", "brlan", false, 60,
                Optional.empty()), "Bridge the uplink through netplan (NetworkManager)", List.of(
                new CheckpointOp("cp-2", 60, true), new UplinkWatchdogOp("yaml-2", 70, LinkOwner.NETWORK_MANAGER,
                        FILES, Optional.empty(), "eth0", List.of(), true),
                new BridgeOp("brlan", BridgeSettings.KERNEL_DEFAULT, Optional.empty(), true))));
        assertEquals(HistoryEntry.Status.AWAITING_CONFIRMATION, entry.status());
    }
}
