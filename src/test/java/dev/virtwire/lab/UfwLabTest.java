package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.cli.CliRun;
import dev.virtwire.host.NetworkHook;
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
 * stays after {@code ufw reload} and {@code lab reboot}, and undo leaves {@code ufw status verbose} and ufw's files
 * as they were. A port forward from the LAN host to g1's web server made meanwhile (over ssh, so saved in
 * Virtwire's libvirt network hook) works through ufw's drop, after the reload, after the reboot and after
 * {@code virsh net-destroy/net-start} of default (g1 still reaching the internet's page through the fix's route
 * rules), and undo takes the hook away; then one for the LAN host only ({@code --from}), which the LAN's router
 * does not get through.
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
    /** A guest boots in about 11 s under TCG on an idle machine; the lab itself waits up to 180 s. */
    private static final Duration GUEST_ANSWERS_WITHIN = Duration.ofSeconds(120);

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

    /** The faults, healed; the lab's shape is left to the next class (see {@link Lab#useFirewall}). */
    @AfterEach
    void stopServerAndHeal() {
        webServer.destroy();
        lab.guestExec("g1", "sh", "-c", "killall httpd; true");
        lab.heal();
    }

    @Test
    void ufwsForwardPolicyIsNamedFixedWithItsRouteRulesKeptAcrossReloadAndRebootAndUndone() throws IOException {
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer),
                () -> "before the fault g1 does not reach the internet's web page\n" + ufwState());
        String statusBefore = ufwStatus();
        Map<String, String> filesBefore = ufwFiles();
        assertTrue(statusBefore.contains("deny (routed)"), statusBefore);
        aRouteDenyOfTheUsersIsNamedAndTheAllowRulesGoAheadOfIt(statusBefore, filesBefore);
        aMissingMasqueradeIsNamedAndFixed();

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

        // a port forward from the LAN host to g1's web server: its accept at FORWARD's head, ahead of ufw's chains;
        // made over ssh (the lab host's own /etc/libvirt, which its libvirtd reads), so saved in Virtwire's hook
        startGuestWebServer();
        String guest = lab.guestIp("g1");
        String ssh = lab.sshUri();
        String hooksBefore = hooks();
        CliRun forward = CliRun.of("forward", "add", "tcp", FORWARDED_PORT, guest + ":80", "--connect", ssh,
                "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, forward.code(), () -> "virtwire forward add:\n" + forward.out() + forward.err());
        assertTrue(forward.out().contains(NetworkHook.PATH), forward::out);
        assertTrue(Eventually.within(REACHES_WITHIN, this::lanReachesGuest), () -> "through the forward\n" + ufwState());
        CommandResult router = lab.lanRouterFetches(FORWARDED_PORT);
        assertTrue(router.stdout().contains(GUEST_PAGE), () -> "a forward for everyone lets the LAN's router in too "
                + "(what the forward --from below must not): " + router.describe());

        CommandResult reload = lab.exec("ufw", "reload");
        assertTrue(reload.ok(), reload::describe);
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer), () -> "after ufw reload\n" + ufwState());
        assertTrue(lanReachesGuest(), () -> "ufw reload leaves FORWARD's head and nat's PREROUTING alone: the forward "
                + "still works\n" + ufwState());
        theFixAndTheForwardAreBackAfterAReboot(guest);

        CliRun forwardUndone = CliRun.of("undo", "--connect", ssh, "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, forwardUndone.code(), () -> "virtwire undo:\n" + forwardUndone.out() + forwardUndone.err());
        assertEquals(hooksBefore, hooks(), "undo takes the hook away, and the directories it made");
        assertFalse(lanReachesGuest(), "after undo the port is closed again");
        forwardFromTheLanHostOnly(guest);

        CliRun undo = cli("undo", "--yes");
        assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
        assertEquals(statusBefore, ufwStatus(), "undo leaves ufw status verbose as it was");
        assertEquals(filesBefore, ufwFiles(), "undo leaves ufw's files as they were");
        assertTrue(Eventually.never(this::reachesWebServer), "ufw drops it again");
    }

    /**
     * {@code ufw route deny in on virbr0 out on eth0} of the user's (lab fault forward-drop-rule in ufw mode): named as
     * a rule of ufw's chain, fixed by ufw's allow rules inserted ahead of it (appended, they would never be reached),
     * undone to the deny alone; healing the fault leaves ufw's status and files as they were. (A deny with the very
     * match of an allow, deny in on virbr0, is turned into the allow by ufw itself: UfwRouteTest.)
     */
    private void aRouteDenyOfTheUsersIsNamedAndTheAllowRulesGoAheadOfIt(String statusBefore,
                                                                        Map<String, String> filesBefore) {
        lab.fault("forward-drop-rule");
        assertTrue(Eventually.never(this::reachesWebServer), "the deny holds");
        String denied = ufwStatus();
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> {
            seen.set(lab.diagnose(stateDir, "g1", "internet"));
            return seen.get().at("/findings/0/id").asText().equals("forward-rule-reject");
        }), () -> "expected forward-rule-reject first, got:\n" + seen.get().toPrettyString());
        JsonNode first = seen.get().at("/findings/0");
        assertTrue(first.get("evidence").toString().contains("ufw-user-forward"), first::toPrettyString);
        assertTrue(first.get("steps").toString().contains("a route rule of ufw's"), first::toPrettyString);
        CliRun fix = cli("fix", "g1", "forward-rule-reject", "--to", "internet", "--internet", lab.internet(), "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix:\n" + fix.out() + fix.err());
        assertTrue(fix.out().contains("ufw route insert 1 allow in on virbr0"), fix::out);
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer), () -> "after the fix\n" + ufwState());
        CliRun undo = cli("undo", "--yes");
        assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
        assertEquals(denied, ufwStatus(), "undo deletes the allow rules; the user's deny stays");
        lab.heal();
        assertEquals(statusBefore, ufwStatus(), "the fault healed");
        assertEquals(filesBefore, ufwFiles(), "the fault healed");
    }

    /**
     * libvirt's masquerade for network default gone (lab fault masquerade-missing) on the ufw host: named, and its
     * fix (the network restarted: libvirt makes its own rules again, on every backend) gets g1 to the internet's page.
     */
    private void aMissingMasqueradeIsNamedAndFixed() {
        lab.fault("masquerade-missing");
        assertTrue(Eventually.never(this::reachesWebServer), "the fault holds");
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> {
            seen.set(lab.diagnose(stateDir, "g1", "internet"));
            return seen.get().at("/findings/0/id").asText().equals("nat-masquerade-missing");
        }), () -> "expected nat-masquerade-missing first, got:\n" + seen.get().toPrettyString());
        CliRun fix = cli("fix", "g1", "nat-masquerade-missing", "--to", "internet", "--internet", lab.internet(),
                "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix:\n" + fix.out() + fix.err());
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer), () -> "after the fix\n" + ufwState());
        lab.heal();
    }

    /**
     * {@code lab reboot}: only what ufw and libvirt saved comes back. ufw's boot (ufw-init start, before libvirtd)
     * loads the fix's route rules from user.rules, and Virtwire's hook puts the forward's DNAT and accept back
     * ahead of libvirt's jumps and ufw's chains when libvirt starts the network. libvirt 9 makes its jumps into
     * FORWARD again at boot, which the fault had taken out: taken out again (the fault's heal puts them back), g1
     * (started after the reboot: the lab's guests do not autostart) reaches the internet's page through ufw's
     * route rules alone, and the LAN host gets g1's page through the forward; both still do after a restart of
     * the network ({@link #theForwardAndTheRouteRulesOutliveTheNetworksRestart}).
     */
    private void theFixAndTheForwardAreBackAfterAReboot(String guest) {
        long started = System.nanoTime();
        CommandResult reboot = lab.lab(Duration.ofMinutes(4), "reboot");
        assertTrue(reboot.ok(), reboot::describe);
        long rebooted = System.nanoTime();
        CommandResult start = lab.exec("virsh", "-c", lab.uri(), "start", "g1"); // boots while the rules are read
        assertTrue(start.ok(), start::describe);
        String comment = "virtwire:fwd:tcp:" + FORWARDED_PORT + ":" + guest + ":80";
        String filter = lab.exec("iptables", "-S", "FORWARD").stdout();
        assertTrue(filter.startsWith("-P FORWARD DROP"), () -> "ufw's boot set its forward policy:\n" + filter);
        int accept = filter.indexOf(comment);
        assertTrue(accept >= 0 && accept < filter.indexOf("-j LIBVIRT_FWI") && accept < filter.indexOf(
                "-j ufw-before-forward"), () -> "the hook put the forward's accept back first:\n" + filter);
        String nat = lab.exec("iptables", "-t", "nat", "-S", "PREROUTING").stdout();
        assertTrue(nat.contains(comment), () -> "the hook put the forward's DNAT back:\n" + nat);
        String routes = lab.exec("iptables", "-S", "ufw-user-forward").stdout();
        assertTrue(routes.contains("-A ufw-user-forward -i virbr0 -j ACCEPT")
                && routes.contains("-A ufw-user-forward -o virbr0 -j ACCEPT"), () -> "ufw's boot loaded the fix's "
                + "route rules from user.rules:\n" + routes);
        CommandResult jumpsOut = lab.libvirtJumpsOutOfForward();
        assertTrue(jumpsOut.ok(), jumpsOut::describe);
        // no manager saved the lab host's address (netconf none): given back by hand, as its admin would
        CommandResult uplink = lab.uplinkBackByHand();
        assertTrue(uplink.ok(), uplink::describe);
        assertTrue(Eventually.within(GUEST_ANSWERS_WITHIN, () -> lab.exec("ping", "-c", "1", "-W", "1", guest).ok()),
                () -> "g1, started after the reboot, does not answer ping at " + guest + "; its address now: '"
                        + lab.guestIp("g1") + "'");
        long answered = System.nanoTime();
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer),
                () -> "after the reboot g1 does not reach the internet's page through ufw's route rules\n" + ufwState());
        startGuestWebServer();
        assertTrue(Eventually.within(REACHES_WITHIN, this::lanReachesGuest),
                () -> "after the reboot the LAN host does not get g1's page through the hook's forward\n" + ufwState());
        long checked = System.nanoTime();
        System.out.printf("UfwLabTest: lab reboot %d s, then the fix and the forward checked in %d s (%d s of it "
                + "waiting for g1 to answer)%n", (rebooted - started) / 1_000_000_000L,
                (checked - rebooted) / 1_000_000_000L, (answered - rebooted) / 1_000_000_000L);
        theForwardAndTheRouteRulesOutliveTheNetworksRestart(guest);
    }

    /**
     * {@code virsh net-destroy default; virsh net-start default} with the forward in place (after the reboot, so that
     * libvirtd found the hook when it started): the network's start runs the hook, which puts the accept back at
     * FORWARD's head. libvirt 9 leaves the running g1's tap out of the new bridge until libvirtd restarts and
     * reconnects it; libvirtd's start puts libvirt's jumps back at FORWARD's head where they are missing (as the
     * fault left them), ahead of the accept, then runs the hook for g1's port (port-created), which puts the accept
     * first again. With the jumps taken out again (the fault's stand-in for libvirt 10's table), the LAN host gets
     * g1's page through the forward and g1 the internet's page through the fix's route rules alone.
     */
    private void theForwardAndTheRouteRulesOutliveTheNetworksRestart(String guest) {
        long started = System.nanoTime();
        String comment = "virtwire:fwd:tcp:" + FORWARDED_PORT + ":" + guest + ":80";
        CommandResult destroyed = lab.exec("virsh", "net-destroy", "default");
        assertTrue(destroyed.ok(), destroyed::describe);
        CommandResult netStarted = lab.exec("virsh", "net-start", "default");
        assertTrue(netStarted.ok(), netStarted::describe);
        // libvirt 9 leaves a running guest's tap out of the new bridge until libvirtd restarts and reconnects it
        CommandResult reconnect = lab.lab("restart-libvirtd");
        assertTrue(reconnect.ok(), reconnect::describe);
        assertTrue(Eventually.within(Duration.ofSeconds(20), () -> {
            String filter = lab.exec("iptables", "-S", "FORWARD").stdout();
            int accept = filter.indexOf(comment);
            return accept >= 0 && filter.indexOf("-j LIBVIRT_FWI") > accept;
        }), () -> "libvirtd's start put libvirt's jumps back at FORWARD's head, and the hook (port-created) the "
                + "forward's accept ahead of them:\n" + ufwState());
        CommandResult jumpsOut = lab.libvirtJumpsOutOfForward();
        assertTrue(jumpsOut.ok(), jumpsOut::describe);
        assertTrue(Eventually.within(REACHES_WITHIN, this::lanReachesGuest),
                () -> "after virsh net-destroy/net-start the LAN host does not get g1's page through the forward\n"
                        + ufwState() + "\n" + lab.exec("bridge", "link").describe());
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesWebServer),
                () -> "after virsh net-destroy/net-start g1 does not reach the internet's page through ufw's route "
                        + "rules\n" + ufwState());
        System.out.printf("UfwLabTest: the forward and the route rules after virsh net-destroy/net-start (and "
                + "libvirtd's restart): %d s added%n", (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** The lab host's /etc/libvirt/hooks as find lists it, with modes: what a saved forward and its undo touch. */
    private String hooks() {
        return lab.exec("sh", "-c", "find /etc/libvirt -path '*hooks*' -printf '%p %m %u:%g\\n' | sort").stdout();
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
        assertTrue(add.out().contains("not saved: gone after reboot"), () -> "under --netns Virtwire writes no hook "
                + "(commands there see this machine's /etc):\n" + add.out());
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
