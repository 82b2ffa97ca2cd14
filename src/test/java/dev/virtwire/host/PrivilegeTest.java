package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivilegeTest {
    @Test
    void aPrefixFromTheEnvironmentGoesInFrontOfTheArgv() {
        Privilege sudo = Privilege.fromEnvironment(Map.of(Privilege.VARIABLE, " sudo  -n "), "alice");
        assertEquals(List.of("sudo", "-n", "ip", "link", "set", "dev", "br0", "up"),
                sudo.wrap(IpCommands.setUp("br0", true)));
        assertTrue(sudo.hint().contains("sudo -n"));
    }

    @Test
    void rootAndAnUnsetVariableNeedNoPrefix() {
        assertEquals(List.of(), Privilege.fromEnvironment(Map.of(Privilege.VARIABLE, "sudo -n"), "root").prefix());
        Privilege none = Privilege.fromEnvironment(Map.of(), "alice");
        assertEquals(List.of(), none.prefix());
        assertTrue(none.hint().contains(Privilege.VARIABLE), none.hint());
    }

    @Test
    void aPrefixIsWordsNotShellText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Privilege.fromEnvironment(Map.of(Privilege.VARIABLE, "sudo -n; rm"), "alice"));
        assertTrue(e.getMessage().contains("sudo -n"), e.getMessage());
    }

    @Test
    void batchLinesRefuseWhatIpWouldSplit() {
        assertEquals("link set dev br0 up", IpCommands.batchLine(IpCommands.setUp("br0", true)));
        assertThrows(IllegalArgumentException.class, () -> IpCommands.batchLine(List.of("ip", "link", "set", "dev",
                "br 0", "up")));
        assertThrows(IllegalArgumentException.class, () -> IpCommands.batchLine(List.of("sysctl", "-w", "x=1")));
    }
}
