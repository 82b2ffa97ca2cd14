package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostException;
import dev.virtwire.host.SavedConfigCommands;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keyfile edits touch only the lines they are about; what does not parse is refused with FILE:LINE. */
class NmKeyfileTest {
    private static final String FILE = "/etc/NetworkManager/system-connections/x.nmconnection";

    @Test
    void aKeyIsReplacedWhereItIsOrAddedAfterTheSectionsLastKey() {
        NmKeyfile k = NmKeyfile.parse(FILE, "[connection]\nid=x\n# keep me\n\n[ipv4]\nmethod=auto\n");
        assertEquals("[connection]\nid=y\n# keep me\n\n[ipv4]\nmethod=auto\n", k.with("connection", "id", "y").text());
        assertEquals("[connection]\nid=x\nmaster=br0\n# keep me\n\n[ipv4]\nmethod=auto\n",
                k.with("connection", "master", "br0").text());
        assertEquals("[connection]\nid=x\n# keep me\n\n[ipv4]\nmethod=auto\n\n[bridge]\nstp=false\n",
                k.with("bridge", "stp", "false").text());
    }

    @Test
    void aSectionGoesWithTheBlankLinesAfterIt() {
        NmKeyfile k = NmKeyfile.parse(FILE, "[connection]\nid=x\n\n[ipv4]\nmethod=auto\n\n[proxy]\n");
        assertEquals("[connection]\nid=x\n\n[proxy]\n", k.without("ipv4").text());
        assertEquals(List.of("[ipv4]", "method=auto"), k.section("ipv4"));
        assertEquals(Optional.of("auto"), k.get("ipv4", "method"));
        assertEquals(Optional.empty(), k.get("ipv6", "method"));
    }

    @Test
    void aKeyBeforeAnySectionIsRefusedWithItsLine() {
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> NmKeyfile.parse(FILE, "\nid=x\n[connection]\n"));
        assertTrue(refused.getMessage().startsWith(FILE + ":2: 'id=x'"), refused.getMessage());
    }

    @Test
    void theCheckpointPathIsReadFromBusctlsReply() {
        assertEquals("/org/freedesktop/NetworkManager/Checkpoint/3",
                SavedConfigCommands.checkpointPath("o \"/org/freedesktop/NetworkManager/Checkpoint/3\"\n"));
        assertThrows(HostException.class, () -> SavedConfigCommands.checkpointPath("Call failed: Access denied"));
    }

    /** NetworkManager's Checkpoints property, as busctl get-property prints it: none, one, two; anything else fails. */
    @Test
    void theCheckpointsNetworkManagerHoldsAreReadFromBusctlsReply() {
        assertEquals(List.of(), SavedConfigCommands.checkpointPaths("ao 0\n"));
        assertEquals(List.of("/org/freedesktop/NetworkManager/Checkpoint/3"),
                SavedConfigCommands.checkpointPaths("ao 1 \"/org/freedesktop/NetworkManager/Checkpoint/3\"\n"));
        assertEquals(List.of("/org/freedesktop/NetworkManager/Checkpoint/3", "/org/freedesktop/NetworkManager/Checkpoint/4"),
                SavedConfigCommands.checkpointPaths("ao 2 \"/org/freedesktop/NetworkManager/Checkpoint/3\" "
                        + "\"/org/freedesktop/NetworkManager/Checkpoint/4\""));
        assertThrows(HostException.class, () -> SavedConfigCommands.checkpointPaths("ao 2 \"/one/only\""));
        assertThrows(HostException.class, () -> SavedConfigCommands.checkpointPaths("Failed to get property "
                + "Checkpoints on interface org.freedesktop.NetworkManager: Unknown interface"));
    }
}
