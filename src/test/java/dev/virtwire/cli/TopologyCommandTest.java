package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TopologyCommandTest {

    @Test
    void printsTheDemoHostAsTopologyJson() throws Exception {
        Run run = run("topology", "--demo", "--json");
        assertEquals(0, run.code, run.err);
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertEquals("kvm-demo", json.at("/host/name").asText());
        assertTrue(json.get("guests").size() >= 6);
    }

    @Test
    void printsGraphvizDot() {
        Run run = run("topology", "--demo", "--dot");
        assertTrue(run.out.startsWith("digraph"), run.out);
        assertTrue(run.out.contains("\"link:eth0\" -> \"outside\" [label=\"uplink\"]"), run.out);
    }

    @Test
    void jsonAndDotExcludeEachOther() {
        Run run = run("topology", "--demo", "--json", "--dot");
        assertEquals(2, run.code);
        assertTrue(run.err.contains("mutually exclusive"), run.err);
    }

    @Test
    void netnsAndSshTogetherAreRefusedWithTheReason() {
        Run run = run("topology", "--netns", "lab", "--ssh", "kvm1");
        assertEquals(1, run.code);
        assertTrue(run.err.contains("give one of them"), run.err);
    }

    @Test
    void aQemuSshUriRunsKernelCommandsOverTheSameLogin() {
        assertEquals("root@kvm1", HostOptions.sshHostOf("qemu+ssh://root@kvm1/system").orElseThrow());
        assertTrue(HostOptions.sshHostOf("qemu:///system").isEmpty());
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VirtwireCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
