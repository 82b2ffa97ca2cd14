package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
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
 * forward from the LAN host to g1's web server made meanwhile works through ufw's drop and after the reload, and
 * so does one for the LAN host only ({@code --from}), which the LAN's router does not get through.
 */
@LabTest
@RebuildsTheLab
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
        Map<String, String> filesBefore = ufwFiles();
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
        CommandResult router = lab.lanRouterFetches(FORWARDED_PORT);
        assertTrue(router.stdout().contains(GUEST_PAGE), () -> "a forward for everyone lets the LAN's router in too "
                + "(what the forward --from below must not): " + router.describe());

        CommandResult reload = lab.exec("ufw", "reload");
        assertTrue(reload.ok(), reload::describe);
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer), () -> "after ufw reload\n" + ufwState());
        assertTrue(lanReachesGuest(), () -> "ufw reload leaves FORWARD's head and nat's PREROUTING alone: the forward "
                + "still works\n" + ufwState());

        CliRun forwardUndone = cli("undo", "--yes");
        assertEquals(0, forwardUndone.code(), () -> "virtwire undo:\n" + forwardUndone.out() + forwardUndone.err());
        assertFalse(lanReachesGuest(), "after undo the port is closed again");
        forwardFromTheLanHostOnly(guest);

        CliRun undo = cli("undo", "--yes");
        assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
        assertEquals(statusBefore, ufwStatus(), "undo leaves ufw status verbose as it was");
        assertEquals(filesBefore, ufwFiles(), "undo leaves ufw's files as they were");
        assertTrue(Eventually.never(this::reachesWebServer), "ufw drops it again");
    }

    /**
     * The same forward for the LAN host only ({@code --from}): iptables' DNAT and FORWARD accept match its address
     * (ufw's forwards are iptables' rules); the LAN host gets g1's page, after {@code ufw reload} too, and the LAN's
     * router, which got it through the forward for everyone, does not; undo leaves iptables' rules (ufw's chains
     * among them) and ufw's files as they were.
     */
    private void forwardFromTheLanHostOnly(String guest) {
        long started = System.nanoTime();
        String lanHost = lab.lanHost();
        String rulesBefore = iptablesRules();
        Map<String, String> filesBefore = ufwFiles();
        CliRun add = cli("forward", "add", "tcp", FORWARDED_PORT, guest + ":80", "--from", lanHost, "--yes");
        assertEquals(0, add.code(), () -> "virtwire forward add --from:\n" + add.out() + add.err());
        assertTrue(add.out().contains("iptables -w -t nat -A PREROUTING -s " + lanHost + " -p tcp --dport "
                + FORWARDED_PORT), add::out);
        assertTrue(add.out().contains("iptables -w -t filter -I FORWARD -s " + lanHost + " -d " + guest + "/32"),
                add::out);
        assertTrue(Eventually.within(REACHES_WITHIN, this::lanReachesGuest),
                () -> "the LAN host, the forward's source, does not get g1's page\n" + ufwState());
        CommandResult reload = lab.exec("ufw", "reload");
        assertTrue(reload.ok(), reload::describe);
        assertTrue(lanReachesGuest(), () -> "after ufw reload the LAN host does not get g1's page through the "
                + "forward --from\n" + ufwState());
        CommandResult router = lab.lanRouterFetches(FORWARDED_PORT);
        assertFalse(router.stdout().contains(GUEST_PAGE), () -> "the LAN's router is not the forward's source, yet "
                + "it gets g1's page: " + router.describe() + "\n" + ufwState());
        CliRun list = cli("forward", "list");
        assertTrue(list.out().contains("tcp " + FORWARDED_PORT + " -> " + guest + ":80 (from " + lanHost + " only)"),
                list::out);
        CliRun undo = cli("undo", "--yes");
        assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
        // as before the forward, when the port was closed (checked above)
        assertEquals(rulesBefore, iptablesRules(), "undo leaves iptables' filter and nat rules as they were");
        assertEquals(filesBefore, ufwFiles(), "undo leaves ufw's files as they were");
        System.out.printf("UfwLabTest: the forward --from, checked and undone: %d s%n",
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** iptables' filter and nat rules as {@code iptables -S} lists them (no counters): where ufw's forwards are. */
    private String iptablesRules() {
        CommandResult rules = lab.exec("sh", "-c", "iptables -S && iptables -t nat -S");
        assertTrue(rules.ok(), rules::describe);
        return rules.stdout();
    }

    /**
     * The lab host's /etc/ufw, every file under it by path with its bytes: the lab's folder that is bound there
     * ({@code /etc/netns/NETNS/ufw}, see src/lab/firewall.sh), read here at once rather than a command per file.
     */
    private Map<String, String> ufwFiles() {
        Path dir = Path.of("/etc/netns", lab.netns(), "ufw");
        try (Stream<Path> files = Files.walk(dir)) {
            Map<String, String> out = new TreeMap<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
            assertTrue(out.containsKey("user.rules"), () -> "no user.rules in the lab host's /etc/ufw (" + dir + "): "
                    + out.keySet());
            return out;
        } catch (IOException e) {
            throw new AssertionError("the lab host's /etc/ufw (" + dir + ") cannot be read: " + e.getMessage(), e);
        }
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
                lab.exec("iptables", "-t", "nat", "-S", "PREROUTING").describe(),
                lab.exec("iptables", "-S", "ufw-user-forward").describe());
    }

    private CliRun cli(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(args));
        argv.addAll(List.of("--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString()));
        return CliRun.of(argv.toArray(String[]::new));
    }
}
