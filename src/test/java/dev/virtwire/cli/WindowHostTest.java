package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** `virtwire` with only where-to-connect options opens the window there; anything else is the command line. */
class WindowHostTest {
    @Test
    void connectionOptionsAloneOpenTheWindowOnThatHost() {
        assertEquals(Optional.of(new HostAddress("qemu+unix:///system?socket=/run/x", new Target.Netns("vwlab-host"))),
                VirtwireCommand.windowHost("--connect", "qemu+unix:///system?socket=/run/x", "--netns", "vwlab-host"));
        assertEquals(Optional.of(new HostAddress("qemu+ssh://root@kvm1/system", new Target.Ssh("root@kvm1"))),
                VirtwireCommand.windowHost("-c", "qemu+ssh://root@kvm1/system"));
        assertEquals(Optional.of(HostAddress.demo()), VirtwireCommand.windowHost("--demo"));
    }

    @Test
    void commandsHelpVersionAndMistakesGoToTheCommandLine() {
        assertTrue(VirtwireCommand.windowHost("topology", "--demo").isEmpty());
        assertTrue(VirtwireCommand.windowHost("--version").isEmpty());
        assertTrue(VirtwireCommand.windowHost("--help").isEmpty());
        assertTrue(VirtwireCommand.windowHost("--connect").isEmpty(), "a missing URI is explained by the CLI");
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> VirtwireCommand.windowHost("--netns", "a", "--ssh", "b"));
        assertTrue(both.getMessage().contains("give one of them"), both.getMessage());
    }

    @Test
    void theWindowKeepsItsHistoryWhereStateDirSays() {
        assertEquals(Optional.of(new VirtwireCommand.WindowOptions(HostAddress.demo(), java.nio.file.Path.of("/tmp/vw"))),
                VirtwireCommand.windowOptions("--demo", "--state-dir", "/tmp/vw"));
        assertEquals(dev.virtwire.change.Changes.defaultStateDir(),
                VirtwireCommand.windowOptions("--demo").orElseThrow().stateDir(), "the default otherwise");
    }
}
