package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyCommandTest {

    @Test
    void printsTheDemoHostAsTopologyJson() throws Exception {
        CliRun run = run("topology", "--demo", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("kvm-demo", json.at("/host/name").asText());
        assertTrue(json.get("guests").size() >= 6);
    }

    @Test
    void printsGraphvizDot() {
        CliRun run = run("topology", "--demo", "--dot");
        assertTrue(run.out().startsWith("digraph"), run.out());
        assertTrue(run.out().contains("\"link:eth0\" -> \"outside\" [label=\"uplink\"]"), run.out());
    }

    @Test
    void jsonAndDotExcludeEachOther() {
        CliRun run = run("topology", "--demo", "--json", "--dot");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("mutually exclusive"), run.err());
    }

    @Test
    void netnsAndSshTogetherAreRefusedWithTheReason() {
        CliRun run = run("topology", "--netns", "lab", "--ssh", "kvm1");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("give one of them"), run.err());
    }

    @Test
    void aQemuSshUriRunsKernelCommandsOverTheSameLogin() {
        assertEquals("root@kvm1", HostAddress.sshLoginOf("qemu+ssh://root@kvm1/system").orElseThrow());
        assertEquals("root@kvm1:2222", HostAddress.sshLoginOf("qemu+ssh://root@kvm1:2222/system").orElseThrow());
        assertTrue(HostAddress.sshLoginOf("qemu:///system").isEmpty());
        assertEquals(new Target.Ssh("root@kvm1:2222"), HostAddress.of("qemu+ssh://root@kvm1:2222/system").target());
        List<String> wrapped = new Target.Ssh("root@kvm1:2222").wrap(List.of("ip", "-j", "link"));
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10"), wrapped.subList(0, 5));
        assertEquals(List.of("--", "ssh://root@kvm1:2222", "'env'", "'LC_ALL=C'", "'ip'", "'-j'", "'link'"),
                wrapped.subList(wrapped.size() - 7, wrapped.size()));
        assertEquals(new Target.Local(), HostAddress.of("qemu:///system").target());
        assertEquals(new Target.Ssh("root@kvm1", "/opt/lab/ssh"),
                HostAddress.of("qemu+ssh://root@kvm1/system?command=/opt/lab/ssh&no_tty=1").target());
    }


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void aNetworkNamespaceThatIsNotThereIsOneLineNotOnePerCommand() {
        CliRun run = run("topology", "--connect", "test:///default", "--netns", "vw-no-such-namespace");
        assertEquals(1, run.code(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("virtwire: cannot run commands in network namespace vw-no-such-namespace"),
                run.err());
    }
}
