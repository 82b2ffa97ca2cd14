package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab host running ufw ({@code lab up --firewall ufw}: its own /etc/ufw, the machine's default forward
 * policy DROP) with libvirt's jumps out of FORWARD, as where libvirt's accepts live in a table of its own: ufw's
 * policy drops the guest's connections (its pings pass: ufw accepts forwarded echo requests), so the probe is a
 * web page on the internet address. Virtwire names ufw's policy, fixes it with ufw's own route rules, the fix
 * stays after {@code ufw reload}, and undo leaves {@code ufw status verbose} and ufw's files as they were. A port
 * forward from the LAN host to g1's web server made meanwhile works through ufw's drop and after the reload.
 */
@LabTest
class UfwLabTest {
    private static final Duration DIAGNOSED_WITHIN = Duration.ofSeconds(30);
    private static final Duration REACHES_WITHIN = Duration.ofSeconds(60);
    private static final String PORT = "18090";
    private static final String PAGE = "virtwire-ufw-ok";
    private static final String FORWARDED_PORT = "18084";
    private static final String GUEST_PAGE = "virtwire-ufw-fwd-ok";

    @TempDir
    Path stateDir;
    @TempDir
    Path www;

    private final Lab lab;
    private Process webServer;

    UfwLabTest(Lab lab) {
        this.lab = lab;
    }

    @BeforeEach
    void ufwHostAndAWebServerOnTheInternet() throws IOException {
        lab.useFirewall("ufw");
        Files.writeString(www.resolve("index.html"), PAGE + "\n");
        webServer = new ProcessBuilder("ip", "netns", "exec", lab.internetNetns(), "busybox", "httpd", "-f", "-p",
                PORT, "-h", www.toString()).redirectErrorStream(true).redirectOutput(stateDir.resolve("httpd.log")
                .toFile()).start();
    }

    /** The lab's other tests expect today's firewall: put it back. */
    @AfterEach
    void stopServerHealAndBackToIptables() {
        webServer.destroy();
        lab.guestExec("g1", "sh", "-c", "killall httpd; true");
        lab.heal();
        lab.useFirewall("iptables");
    }

    @Test
    void ufwsForwardPolicyIsNamedFixedWithItsRouteRulesKeptAcrossReloadAndUndone() throws IOException {
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer),
                () -> "before the fault g1 does not reach the internet's web page\n" + ufwState());
        String statusBefore = ufwStatus();
        Map<String, String> filesBefore = lab.filesIn("/etc/ufw");
        assertTrue(statusBefore.contains("deny (routed)"), statusBefore);

        lab.fault("forward-drop");
        assertTrue(Eventually.never(this::reachesWebServer), "the fault holds");
        assertTrue(lab.guestPings("g1", lab.internet()), "ufw lets forwarded echo requests through whatever its policy");

        AtomicReference<JsonNode> seen = new AtomicReference<>();
        assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> {
            seen.set(lab.diagnose(stateDir, "g1", "internet"));
            return seen.get().at("/findings/0/id").asText().equals("forward-policy-drop");
        }), () -> "expected forward-policy-drop first, got:\n" + seen.get().toPrettyString());
        JsonNode first = seen.get().at("/findings/0");
        assertTrue(first.toString().contains("ufw's default forward policy DROP"), first::toPrettyString);
        assertTrue(first.get("evidence").toString().contains("filter/FORWARD: policy DROP"), first::toPrettyString);
        assertFalse(first.get("fix").isNull(), first::toPrettyString);

        CliRun fix = cli("fix", "g1", "forward-policy-drop", "--to", "internet", "--internet", lab.internet(), "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix:\n" + fix.out() + fix.err());
        assertTrue(fix.out().contains("ufw route allow in on virbr0"), fix::out);
        assertTrue(fix.out().contains("ufw route allow out on virbr0"), fix::out);
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer), () -> "after the fix\n" + ufwState());
        assertTrue(lab.exec("cat", "/etc/ufw/user.rules").stdout().contains("-A ufw-user-forward -i virbr0 -j ACCEPT"),
                "ufw saved the route rule in the lab host's /etc/ufw/user.rules");

        // a port forward from the LAN host to g1's web server: its accept at FORWARD's head, ahead of ufw's chains
        startGuestWebServer();
        String guest = lab.guestIp("g1");
        CliRun forward = cli("forward", "add", "tcp", FORWARDED_PORT, guest + ":80", "--yes");
        assertEquals(0, forward.code(), () -> "virtwire forward add:\n" + forward.out() + forward.err());
        assertTrue(forward.out().contains("not saved: gone after reboot"), forward::out);
        assertTrue(Eventually.within(REACHES_WITHIN, this::lanReachesGuest), () -> "through the forward\n" + ufwState());

        CommandResult reload = lab.exec("ufw", "reload");
        assertTrue(reload.ok(), reload::describe);
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer), () -> "after ufw reload\n" + ufwState());
        assertTrue(lanReachesGuest(), () -> "ufw reload leaves FORWARD's head and nat's PREROUTING alone: the forward "
                + "still works\n" + ufwState());

        CliRun forwardUndone = cli("undo", "--yes");
        assertEquals(0, forwardUndone.code(), () -> "virtwire undo:\n" + forwardUndone.out() + forwardUndone.err());
        assertFalse(lanReachesGuest(), "after undo the port is closed again");

        CliRun undo = cli("undo", "--yes");
        assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
        assertEquals(statusBefore, ufwStatus(), "undo leaves ufw status verbose as it was");
        assertEquals(filesBefore, lab.filesIn("/etc/ufw"), "undo leaves ufw's files as they were");
        assertTrue(Eventually.never(this::reachesWebServer), "ufw drops it again");
    }

    private boolean reachesWebServer() {
        // busybox's nc: its static wget dies in getaddrinfo (segmentation fault) even for an address
        return lab.guestExec("g1", "sh", "-c", "(echo GET / HTTP/1.0; echo) | nc -w 3 " + lab.internet() + " " + PORT)
                .stdout().contains(PAGE);
    }

    private void startGuestWebServer() {
        CommandResult httpd = lab.serveFromGuest("g1", GUEST_PAGE);
        assertTrue(httpd.ok(), httpd::describe);
    }

    private boolean lanReachesGuest() {
        return lab.lanHostGets(FORWARDED_PORT, GUEST_PAGE);
    }

    private String ufwStatus() {
        CommandResult status = lab.exec("ufw", "status", "verbose");
        assertTrue(status.ok(), status::describe);
        return status.stdout();
    }

    /** What the lab host's firewall looks like, for a failure's message. */
    private String ufwState() {
        return String.join("\n", lab.exec("ufw", "status", "verbose").describe(),
                lab.exec("iptables", "-S", "FORWARD").describe(),
                lab.exec("iptables", "-S", "ufw-user-forward").describe());
    }

    private CliRun cli(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(args));
        argv.addAll(List.of("--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString()));
        return CliRun.of(argv.toArray(String[]::new));
    }
}
