package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The lab host as a remote KVM host: `virtwire topology --connect qemu+ssh://...` (libvirt over ssh, and the
 * kernel and firewall commands over the same login) sees what the lab's socket and namespace show.
 */
@LabTest
class SshLabTest {
    private final Lab lab;

    SshLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void overQemuSshTheTopologyIsTheLabHostsOwn() throws IOException {
        CommandResult login = lab.lab("ssh");
        assertTrue(login.ok(), login::describe);
        String uri = login.stdout().lines().filter(l -> l.startsWith("LAB_SSH_URI=")).findFirst()
                .orElseThrow(() -> new AssertionError("no LAB_SSH_URI in " + login.describe())).substring(12);

        CliRun remote = CliRun.of("topology", "--connect", uri, "--json");
        assertEquals(0, remote.code(), remote::err);
        CliRun direct = CliRun.of("topology", "--connect", lab.uri(), "--netns", lab.netns(), "--json");
        assertEquals(0, direct.code(), direct::err);

        JsonNode overSsh = new ObjectMapper().readTree(remote.out());
        JsonNode local = new ObjectMapper().readTree(direct.out());
        assertEquals(names(local, "guests"), names(overSsh, "guests"));
        assertEquals(names(local, "networks"), names(overSsh, "networks"));
        // the links are the lab host's (eth1, br0, virbr0 exist only there): the kernel was read over ssh
        List<String> links = names(overSsh, "links");
        assertTrue(links.containsAll(List.of("eth0", "eth1", "br0", "virbr0")), links::toString);
        assertEquals(names(local, "links"), links);
    }

    private static List<String> names(JsonNode topology, String kind) {
        return StreamSupport.stream(topology.path(kind).spliterator(), false).map(n -> n.path("name").asText())
                .sorted().toList();
    }
}
