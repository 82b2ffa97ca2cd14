package dev.virtwire.cli.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionAddressTest {
    private static final Map<String, String> ENV = Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "HOME", "/home/a");

    private static Path socket(Map<String, String> env, String... args) {
        return SessionAddress.of(args, env, "program").orElseThrow().socket();
    }

    @Test
    void topologyOnOneHostIsServed() {
        Path socket = socket(ENV, "topology", "--connect", "qemu:///system", "--netns", "lab", "--json");
        assertEquals(Path.of("/run/user/1000/virtwire-session"), socket.getParent());
        assertTrue(socket.getFileName().toString().endsWith(".sock"), socket.toString());
    }

    @Test
    void theOutputFormatDoesNotChooseTheSession() {
        assertEquals(socket(ENV, "topology", "-c", "test:///default", "--json"),
                socket(ENV, "topology", "--dot", "--connect=test:///default"));
    }

    @Test
    void theHostTheEnvironmentAndTheProgramDo() {
        Path local = socket(ENV, "topology", "--json");
        assertNotEquals(local, socket(ENV, "topology", "--connect", "test:///default"));
        assertNotEquals(local, socket(ENV, "topology", "--demo"));
        assertNotEquals(local, socket(ENV, "topology", "--netns", "lab"));
        Map<String, String> otherState = new HashMap<>(ENV);
        otherState.put("XDG_STATE_HOME", "/tmp/state");
        assertNotEquals(local, socket(otherState, "topology", "--json"));
        assertNotEquals(local, SessionAddress.of(new String[] {"topology"}, ENV, "rebuilt").orElseThrow().socket());
    }

    @Test
    void everythingElseRunsInProcess() {
        for (String[] args : new String[][] {{}, {"diagnose", "web1"}, {"topology", "--fleet"},
            {"topology", "--state-dir", "state"}, {"topology", "--connect", "a:///", "--connect", "b:///"},
            {"topology", "--connect"}, {"attach", "web1", "br0"}, {"--demo"}}) {
            assertTrue(SessionAddress.of(args, ENV, "program").isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void withoutARuntimeDirTheSocketIsInAUsersOwnDirUnderTmp() {
        Path socket = socket(Map.of(), "topology");
        assertEquals("virtwire-session-" + System.getProperty("user.name"), socket.getParent().getFileName()
                .toString());
    }

    @Test
    void theDirIsMadePrivateAndADirOthersCanReadIsNotTrusted(@TempDir Path runtime) throws Exception {
        SessionAddress address = SessionAddress.of(new String[] {"topology"},
                Map.of("XDG_RUNTIME_DIR", runtime.toString()), "program").orElseThrow();
        assertTrue(address.makePrivateDir());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(address.dir())));
        Files.setPosixFilePermissions(address.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertFalse(address.dirIsPrivate());
        assertFalse(address.makePrivateDir(), "a dir that exists is not changed, and not trusted");
    }
}
