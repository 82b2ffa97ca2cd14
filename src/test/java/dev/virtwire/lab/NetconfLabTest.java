package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * `lab up --netconf nm`: NetworkManager owns the lab host's eth0, br0 and eth1 through profiles in the lab's
 * private /etc. Virtwire, reading the lab host over ssh (where its D-Bus and /etc are), names the manager and
 * profile of each and sees a change by hand (br0's MTU) as not saved. The lab goes back to its default after.
 */
@LabTest
class NetconfLabTest {
    private final Lab lab;

    NetconfLabTest(Lab lab) {
        this.lab = lab;
    }

    @Test
    void networkManagerOwnsTheUplinkTheBridgeAndItsPortAndAChangeByHandIsNotSaved() throws IOException {
        try {
            CommandResult up = lab.lab("up", "--netconf", "nm");
            assertTrue(up.ok(), up::describe);
            String uri = sshUri();

            JsonNode topology = topology(uri);
            assertOwned(topology, "eth0", "lab-uplink");
            assertOwned(topology, "br0", "lab-br0");
            assertOwned(topology, "eth1", "lab-br0-port");
            assertEquals("none", link(topology, "virbr0").path("manager").asText(), "libvirt's bridge is not NM's");

            CommandResult mtu = lab.exec("ip", "link", "set", "br0", "mtu", "1400");
            assertTrue(mtu.ok(), mtu::describe);
            JsonNode changed = topology(uri);
            JsonNode br0 = link(changed, "br0");
            assertFalse(br0.path("saved").asBoolean(), br0::toString);
            assertEquals("mtu: running 1400, saved 1500", br0.path("drift").path(0).asText(), br0::toString);
            assertTrue(link(changed, "eth0").path("saved").asBoolean(), "eth0 was not touched");
        } finally {
            lab.exec("ip", "link", "set", "br0", "mtu", "1500");
            CommandResult back = lab.lab("up", "--netconf", "none");
            assertTrue(back.ok(), back::describe);
        }
    }

    private String sshUri() {
        CommandResult login = lab.lab("ssh");
        assertTrue(login.ok(), login::describe);
        return login.stdout().lines().filter(l -> l.startsWith("LAB_SSH_URI=")).findFirst()
                .orElseThrow(() -> new AssertionError("no LAB_SSH_URI in " + login.describe())).substring(12);
    }

    private static JsonNode topology(String uri) throws IOException {
        CliRun run = CliRun.of("topology", "--connect", uri, "--json");
        assertEquals(0, run.code(), run::err);
        return new ObjectMapper().readTree(run.out());
    }

    private static void assertOwned(JsonNode topology, String name, String profile) {
        JsonNode l = link(topology, name);
        assertEquals("NetworkManager", l.path("manager").asText(), l::toString);
        assertEquals(profile, l.path("profile").asText(), l::toString);
        assertTrue(l.path("saved").asBoolean(), l::toString);
    }

    private static JsonNode link(JsonNode topology, String name) {
        return StreamSupport.stream(topology.path("links").spliterator(), false)
                .filter(l -> l.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no link " + name + " in " + topology.path("links")));
    }
}
