package dev.virtwire.host.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.DockerDaemon;
import dev.virtwire.model.FwMark;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** /etc/docker/daemon.json as Virtwire reads it: Docker's firewall backend and accept mark, problems named. */
class DockerDaemonJsonTest {

    @Test
    void readsTheBackendAndTheMark() {
        DockerDaemon d = DockerDaemonJson.read(Optional.of("{\"firewall-backend\": \"nftables\", "
                + "\"bridge-accept-fwmark\": \"0x1/0x3\", \"log-level\": \"info\"}"));
        assertTrue(d.read());
        assertEquals(Optional.of("nftables"), d.firewallBackend());
        assertEquals(Optional.of(new FwMark(1, OptionalLong.of(3))), d.acceptMark());
        assertEquals("meta mark set meta mark and 0xfffffffc or 0x1", d.acceptMark().get().nftSet());
        assertEquals(Optional.empty(), d.problem());
    }

    @Test
    void aMarkWithoutMaskIsTheWholeMarkInAnyBaseDockerTakes() {
        assertEquals("meta mark set 0x10", FwMark.parse("16").orElseThrow().nftSet());
        assertEquals("meta mark set 0x10", FwMark.parse("0x10").orElseThrow().nftSet());
        assertEquals("meta mark set 0x8", FwMark.parse("010").orElseThrow().nftSet(), "octal, as Go's ParseUint");
        assertEquals(Optional.empty(), FwMark.parse("0x100000000"), "over 32 bits");
        assertEquals(Optional.empty(), FwMark.parse("1/2/3"));
    }

    @Test
    void noFileIsNothingReadAndABrokenOneIsReportedNamingIt() {
        assertFalse(DockerDaemonJson.read(Optional.empty()).read());
        DockerDaemon broken = DockerDaemonJson.read(Optional.of("{\n  \"firewall-backend\": \"nftables\",\n}"));
        assertTrue(broken.problem().orElseThrow().startsWith("/etc/docker/daemon.json line 3"),
                broken.problem()::toString);
        assertEquals(Optional.empty(), broken.acceptMark());
        DockerDaemon badMark = DockerDaemonJson.read(Optional.of("{\"bridge-accept-fwmark\": \"one\"}"));
        assertTrue(badMark.problem().orElseThrow().contains("\"one\" is no firewall mark"), badMark.problem()::toString);
        assertEquals(Optional.empty(), badMark.acceptMark());
    }
}
