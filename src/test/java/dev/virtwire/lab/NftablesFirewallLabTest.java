package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.cli.CliRun;
import dev.virtwire.host.NetworkHook;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab host with an nftables service's ruleset ({@code lab up --firewall nftables}: Debian's
 * /etc/nftables.conf, table inet filter) beside libvirt 9.0's iptables rules. Virtwire reads who owns what,
 * names a drop in inet filter (by policy or by rule, with its handle), fixes it through nft in that table,
 * and undo leaves {@code nft -j list ruleset} as it was, counters aside; a lost masquerade is fixed by
 * libvirt's network restart whatever the host's firewall. A port forward saved in Virtwire's libvirt network hook
 * and an accept saved in /etc/nftables.conf come back after {@code lab reboot}; after the service's reload
 * ({@code nft -f /etc/nftables.conf}, its {@code flush ruleset} included) the accept is back at once and the
 * forward, working, once libvirtd restarts (its accept ahead of libvirt's reject), and again after
 * {@code virsh net-destroy/net-start} of the guest's network.
 */
@LabTest
@RebuildsTheLab
@LabUpOncePerClass
class NftablesFirewallLabTest {
    private static final Duration DIAGNOSED_WITHIN = Duration.ofSeconds(30);
    private static final Duration REACHES_WITHIN = Duration.ofSeconds(90);
    private static final String SAVED_PORT = "18086";
    private static final String SAVED_PAGE = "virtwire-hook-fwd-ok";

    record Case(String fault, String finding, String evidence, boolean accept) {
        @Override
        public String toString() {
            return fault + " -> " + finding;
        }
    }

    static Stream<Case> faults() {
        return Stream.of(new Case("forward-drop", "forward-policy-drop", "inet filter/forward: policy DROP", true),
                new Case("forward-drop-rule", "forward-rule-reject", "inet filter/forward handle ", true),
                new Case("masquerade-missing", "nat-masquerade-missing", "", false));
    }

    /**
     * Whether the next test needs {@code lab up --firewall nftables}: the first does, and the one after the reboot's
     * test (the reboot leaves br0 gone and g2 and g3 stopped, which lab up builds and starts again); the others
     * leave the lab as they found it. A no-op lab up before each test cost 4 to 18 s, seven times. After a failed
     * test LabExtension runs the full lab up, which keeps the lab's firewall.
     */
    private static boolean upBeforeNext = true;

    @TempDir
    Path stateDir;

    private final Lab lab;

    NftablesFirewallLabTest(Lab lab) {
        this.lab = lab;
    }

    @BeforeEach
    void nftablesHost() {
        if (upBeforeNext) {
            lab.useFirewall("nftables");
            upBeforeNext = false;
        }
    }

    @AfterEach
    void healWhatATestLeft() {
        lab.heal();
    }

    @Test
    void theTopologyNamesTheNftablesServiceItsTableAndLibvirtsChains() throws IOException {
        JsonNode firewall = cli("topology", "--connect", lab.uri(), "--netns", lab.netns(), "--json").get("firewall");
        assertEquals("iptables-nft", firewall.path("backend").asText(), firewall::toPrettyString);
        JsonNode nftables = manager(firewall, "nftables");
        assertTrue(nftables.path("running").asBoolean(), nftables::toPrettyString);
        assertTrue(nftables.path("evidence").asText().contains("declares table inet filter"), nftables::toString);
        assertTrue(manager(firewall, "libvirt").path("running").asBoolean(), firewall::toPrettyString);
        boolean forwardChain = false;
        for (JsonNode c : firewall.get("chains")) {
            forwardChain |= c.path("table").asText().equals("inet filter") && c.path("hook").asText().equals("forward")
                    && c.path("priority").asInt() == 0 && c.path("policy").asText().equals("ACCEPT");
        }
        assertTrue(forwardChain, firewall.get("chains")::toPrettyString);
        for (JsonNode r : firewall.get("rules")) {
            if (r.path("chain").asText().startsWith("LIBVIRT_")) {
                assertEquals("libvirt", r.path("saved_by").asText(), r::toPrettyString);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void theDropIsNamedFixedThroughNftAndUndoLeavesTheRulesetAsItWas(Case c) throws IOException {
        assertTrue(reachesInternet(), "before " + c.fault() + ": g1 does not reach the internet address");
        lab.fault(c.fault());
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> {
            seen.set(diagnose());
            return seen.get().at("/findings/0/id").asText().equals(c.finding());
        }), () -> c.fault() + ": expected " + c.finding() + " first, got:\n" + seen.get().toPrettyString());
        JsonNode first = seen.get().at("/findings/0");
        assertTrue(first.get("evidence").toString().contains(c.evidence()), first::toPrettyString);
        assertFalse(first.get("fix").isNull(), first::toPrettyString);
        JsonNode before = rulesetWithoutCounters();
        String confBefore = savedConf();
        CliRun fix = CliRun.of("fix", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                stateDir.toString(), "g1", c.finding(), "--to", "internet", "--internet", lab.internet(), "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix " + c.finding() + ":\n" + fix.out() + fix.err());
        if (c.accept()) {
            assertTrue(fix.out().contains("nft insert rule inet filter forward iifname virbr0 accept"), fix::out);
            assertTrue(fix.out().contains("Save virbr0's accept in /etc/nftables.conf"), fix::out);
            assertTrue(fix.out().contains("$ tee /etc/.nftables.conf.virtwire-new"), fix::out);
        }
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesInternet),
                () -> "after virtwire fix " + c.fault() + " g1 does not reach the internet\n" + diagnose());
        if (c.accept()) {
            assertTrue(savedConf().contains("iifname virbr0 accept comment \"virtwire:accept:virbr0\""), savedConf());
            CliRun undo = CliRun.of("undo", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                    stateDir.toString(), "--yes");
            assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
            assertEquals(before, rulesetWithoutCounters(), "undo leaves the ruleset as it was, counters aside");
            assertEquals(confBefore, savedConf(), "undo writes back the lab host's /etc/nftables.conf as it was");
        }
    }

    /**
     * The service's file is loaded at boot: the accept Virtwire saved in it is back in inet filter (saved_by
     * virtwire), the iptables one, which its plan said is not saved, is gone; undo takes the saved one out of
     * the file and the chain. A port forward for the LAN host only, made over ssh (the lab host's own
     * /etc/libvirt, which its libvirtd reads), is saved in Virtwire's libvirt network hook: the reboot flushes
     * every rule, and the hook puts the DNAT and the accept back with their source when libvirt starts the
     * network, the accept ahead of libvirt's chains, and the LAN host gets the guest's page through it (the
     * LAN's router does not). The nftables service's reload ({@code flush ruleset}) takes it away with
     * libvirt's rules; libvirtd's restart brings both back (the hook, for g1's port), the accept ahead of libvirt's
     * reject, and the forward works; after {@code virsh net-destroy/net-start} of default it works again
     * ({@link NftablesHookedForward}); undo then leaves /etc/libvirt/hooks as it was.
     */
    @Test
    void afterARebootTheSavedAcceptIsBackAndTheUnsavedOneGone() throws IOException {
        upBeforeNext = true;
        String confBefore = savedConf();
        lab.fault("forward-drop");
        CliRun allow = CliRun.of("firewall", "allow", "virbr0", "--connect", lab.uri(), "--netns", lab.netns(),
                "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, allow.code(), () -> allow.out() + allow.err());
        assertTrue(allow.out().contains("FORWARD; not saved: gone after reboot"), allow::out);
        lab.heal();
        String hooksBefore = hooks();
        String guest = lab.guestIp("g1"); // before the reboot: the address the forward goes to
        String forwarded = "tcp:" + SAVED_PORT + ":" + guest + ":80";
        CliRun forward = CliRun.of("forward", "add", "tcp", SAVED_PORT, guest + ":80", "--from",
                lab.lanHost(), "--connect", lab.sshUri(), "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, forward.code(), () -> forward.out() + forward.err());
        assertTrue(forward.out().contains(NetworkHook.PATH), forward::out);
        CommandResult reboot = lab.lab(Duration.ofMinutes(4), "reboot");
        assertTrue(reboot.ok(), reboot::describe);
        // the lab's guests do not autostart: g1 boots while the rules are checked
        long startedG1 = System.nanoTime();
        CommandResult start = lab.exec("virsh", "-c", lab.uri(), "start", "g1");
        assertTrue(start.ok(), start::describe);
        String filter = lab.exec("iptables", "-S", "FORWARD").stdout();
        String accept = "-A FORWARD -s " + lab.lanHost() + "/32 -d " + guest + "/32";
        assertTrue(filter.contains(accept) && filter.indexOf(accept) < filter.indexOf("-j LIBVIRT_FWI")
                && filter.contains("virtwire:fwd:" + forwarded), "the hook put the accept back first:\n" + filter);
        String nat = lab.exec("iptables", "-t", "nat", "-S", "PREROUTING").stdout();
        assertTrue(nat.contains("-s " + lab.lanHost() + "/32") && nat.contains("virtwire:fwd:" + forwarded),
                "the hook put the DNAT back for the LAN host only:\n" + nat);
        // the accept saved in /etc/nftables.conf is back, the unsaved iptables one gone: read while g1 boots
        CommandResult chain = lab.exec("nft", "list", "chain", "inet", "filter", "forward");
        assertTrue(chain.ok() && chain.stdout().contains("virtwire:accept:virbr0"), chain::describe);
        CommandResult iptables = lab.exec("iptables", "-S", "FORWARD");
        assertFalse(iptables.stdout().contains("virtwire:accept"), iptables::describe);
        JsonNode firewall = cli("topology", "--connect", lab.uri(), "--netns", lab.netns(), "--json").get("firewall");
        assertTrue(manager(firewall, "nftables").path("running").asBoolean(), firewall::toPrettyString);
        boolean savedByVirtwire = false;
        for (JsonNode r : firewall.get("rules")) {
            savedByVirtwire |= r.path("comment").asText().equals("virtwire:accept:virbr0")
                    && r.path("saved_by").asText().equals("virtwire");
        }
        assertTrue(savedByVirtwire, firewall.get("rules")::toPrettyString);
        // no manager saved the lab host's address (netconf none): given back by hand, as its admin would, for ssh
        lab.exec("ip", "link", "set", "eth0", "up");
        lab.exec("ip", "addr", "replace", lab.hostIp() + "/24", "dev", "eth0");
        try {
            NftablesHookedForward hooked = new NftablesHookedForward(lab, SAVED_PORT, SAVED_PAGE, forwarded);
            hooked.letsTheLanHostOnlyIn(guest, startedG1);
            hooked.outlivesTheServicesReloadAndTheNetworksRestart();
        } finally {
            lab.lab("guest-exec", "--timeout", "10", "g1", "sh", "-c", "killall httpd; true");
        }
        CliRun forwardUndone = CliRun.of("undo", "--connect", lab.sshUri(), "--state-dir", stateDir.toString(),
                "--yes");
        assertEquals(0, forwardUndone.code(), () -> forwardUndone.out() + forwardUndone.err());
        assertEquals(hooksBefore, hooks(), "undo takes the hook away, and the directories it made");
        assertFalse(lab.exec("iptables", "-S", "FORWARD").stdout().contains("virtwire:fwd"), "the forward is gone");

        CliRun remove = CliRun.of("firewall", "remove", "virbr0", "--connect", lab.uri(), "--netns", lab.netns(),
                "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, remove.code(), () -> remove.out() + remove.err());
        assertEquals(confBefore, savedConf(), "the block is gone with the last accept");
        assertFalse(lab.exec("nft", "list", "chain", "inet", "filter", "forward").stdout()
                .contains("virtwire:accept"), "the accept is gone from the chain");
    }

    /**
     * inet filter drops everything forwarded: a port forward alone (DNAT + iptables' accept) would reach
     * nothing. Its plan also lets the forward's DNATed connections through inet filter, saved in the file; the
     * LAN host then reaches g1's web server through the host's port, and undo leaves the ruleset and the file
     * as they were.
     */
    @Test
    void aPortForwardReachesTheGuestFromTheLanThroughTheTableThatDrops() throws IOException {
        lab.fault("forward-drop");
        // the same folder as any server an earlier test left running: that one then serves this page
        CommandResult httpd = lab.serveFromGuest("g1", "virtwire-fwd-ok");
        assertTrue(httpd.ok(), httpd::describe);
        try {
            JsonNode before = rulesetWithoutCounters();
            String confBefore = savedConf();
            CliRun add = CliRun.of("forward", "add", "tcp", "18082", lab.guestIp("g1") + ":80", "--connect", lab.uri(),
                    "--netns", lab.netns(), "--state-dir", stateDir.toString(), "--yes");
            assertEquals(0, add.code(), () -> add.out() + add.err());
            String guest = lab.guestIp("g1");
            assertTrue(add.out().contains("nft insert rule inet filter forward oifname virbr0 ip daddr " + guest
                    + " tcp dport 80 ct status dnat accept"), add::out);
            assertTrue(savedConf().contains("ct status dnat accept comment \"virtwire:fwd-accept:tcp:18082:" + guest
                    + ":80\""), savedConf());
            assertTrue(Eventually.within(Duration.ofSeconds(20), () -> lab.execIn(lab.lanHostNetns(), "curl", "-s",
                    "--max-time", "3", "http://" + lab.hostIp() + ":18082/").stdout().contains("virtwire-fwd-ok")),
                    "the LAN host reaches g1's web server through the lab host's port 18082");
            CliRun undo = CliRun.of("undo", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                    stateDir.toString(), "--yes");
            assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
            assertEquals(before, rulesetWithoutCounters(), "undo leaves the ruleset as it was, counters aside");
            assertEquals(confBefore, savedConf(), "undo writes back the lab host's /etc/nftables.conf as it was");
            assertFalse(lab.execIn(lab.lanHostNetns(), "curl", "-s", "--max-time", "3", "http://" + lab.hostIp()
                    + ":18082/").stdout().contains("virtwire-fwd-ok"), "after undo the port is closed again");
            forwardFromTheLanHostOnly(guest, before, confBefore);
        } finally {
            lab.guestExec("g1", "sh", "-c", "killall httpd; true");
        }
    }

    /**
     * The same forward for the LAN host only ({@code --from}): iptables' DNAT and FORWARD accept and inet filter's
     * accept match its address (the replies go back to it only), the saved accept in /etc/nftables.conf too; the
     * topology lists the rules with their source and {@code forward list} says so; the LAN host gets the page and
     * the LAN's router does not; undo leaves the ruleset and the file as they were.
     */
    private void forwardFromTheLanHostOnly(String guest, JsonNode before, String confBefore) throws IOException {
        long started = System.nanoTime();
        String lanHost = lab.lanHost();
        String comment = "virtwire:fwd:tcp:18082:" + guest + ":80";
        CliRun add = CliRun.of("forward", "add", "tcp", "18082", guest + ":80", "--from", lanHost, "--connect",
                lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, add.code(), () -> add.out() + add.err());
        assertTrue(add.out().contains("iptables -w -t nat -A PREROUTING -s " + lanHost + " -p tcp --dport 18082"),
                add::out);
        assertTrue(add.out().contains("iptables -w -t filter -I FORWARD -s " + lanHost + " -d " + guest + "/32"),
                add::out);
        assertTrue(add.out().contains("nft insert rule inet filter forward oifname virbr0 ip saddr " + lanHost
                + " ip daddr " + guest + " tcp dport 80 ct status dnat accept"), add::out);
        assertTrue(savedConf().contains("iifname virbr0 ip saddr " + guest + " ip daddr " + lanHost + " tcp sport 80"),
                savedConf());
        assertTrue(Eventually.within(Duration.ofSeconds(20), () -> lab.lanHostGets("18082", "virtwire-fwd-ok")),
                "the LAN host, the forward's source, reaches g1's web server");
        CommandResult router = lab.lanRouterFetches("18082");
        assertFalse(router.stdout().contains("virtwire-fwd-ok"), "the LAN's router is not the forward's source: "
                + router.describe());
        JsonNode rules = cli("topology", "--connect", lab.uri(), "--netns", lab.netns(), "--json").at("/firewall/rules");
        int withSource = 0;
        for (JsonNode r : rules) {
            if (r.path("comment").asText().equals(comment)) {
                assertEquals(lanHost, r.path("source").asText(), "one form on every firewall: " + r);
                withSource++;
            }
        }
        assertEquals(2, withSource, "the forward's DNAT and accept, each with its source:\n" + rules);
        CliRun list = CliRun.of("forward", "list", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                stateDir.toString());
        assertTrue(list.out().contains("tcp 18082 -> " + guest + ":80 (from " + lanHost + " only)"), list::out);
        CliRun undo = CliRun.of("undo", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                stateDir.toString(), "--yes");
        assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
        assertEquals(before, rulesetWithoutCounters(), "undo leaves the ruleset as it was, counters aside");
        assertEquals(confBefore, savedConf(), "undo writes back /etc/nftables.conf as it was");
        assertFalse(lab.lanHostGets("18082", "virtwire-fwd-ok"), "after undo the port is closed again");
        System.out.printf("NftablesFirewallLabTest: the forward --from, checked and undone: %d s%n",
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    /**
     * Docker (iptables-nft, its chains in nft's {@code table ip filter}) on this nftables host, with libvirt's
     * accepts not in FORWARD (as libvirt 10 keeps them in a table of its own, which does not override Docker's
     * DROP): the finding names Docker and DOCKER-USER, the fix puts the accept into DOCKER-USER (which Docker
     * leaves alone; not into Docker's FORWARD nor the service's inet filter, which lets everything through), and
     * undo leaves the ruleset as it was, counters aside.
     */
    @Test
    void dockersDropIsNamedAndFixedInDockerUser() throws IOException {
        assertTrue(reachesInternet(), "before docker-drop: g1 does not reach the internet address");
        lab.fault("docker-drop");
        assertTrue(Eventually.never(this::reachesInternet), "the fault holds");
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> {
            seen.set(diagnose());
            return seen.get().at("/findings/0/id").asText().equals("forward-policy-drop");
        }), () -> "expected forward-policy-drop first, got:\n" + seen.get().toPrettyString());
        JsonNode first = seen.get().at("/findings/0");
        assertTrue(first.toString().contains("Docker"), first::toPrettyString);
        assertTrue(first.toString().contains("DOCKER-USER"), first::toPrettyString);
        assertTrue(first.get("evidence").toString().contains("filter/FORWARD: policy DROP"), first::toPrettyString);
        JsonNode before = rulesetWithoutCounters();
        String confBefore = savedConf();
        CliRun fix = CliRun.of("fix", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                stateDir.toString(), "g1", "forward-policy-drop", "--to", "internet", "--internet", lab.internet(),
                "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix:\n" + fix.out() + fix.err());
        assertTrue(fix.out().contains("-I DOCKER-USER -i virbr0"), fix::out);
        assertFalse(fix.out().contains("nft insert rule"), fix::out);
        assertTrue(Eventually.within(REACHES_WITHIN, this::reachesInternet),
                () -> "after the fix g1 does not reach the internet\n" + diagnose());
        CommandResult user = lab.exec("iptables", "-S", "DOCKER-USER");
        assertTrue(user.stdout().contains("-i virbr0") && user.stdout().contains("-j ACCEPT"), user::describe);
        CliRun undo = CliRun.of("undo", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir",
                stateDir.toString(), "--yes");
        assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
        assertEquals(before, rulesetWithoutCounters(), "undo leaves the ruleset as it was, counters aside");
        assertEquals(confBefore, savedConf(), "nothing of Docker's accept was saved in /etc/nftables.conf");
    }

    /** The lab host's /etc/libvirt/hooks as find lists it, with modes: what a saved forward and its undo touch. */
    private String hooks() {
        return lab.exec("sh", "-c", "find /etc/libvirt -path '*hooks*' -printf '%p %m %u:%g\\n' | sort").stdout();
    }

    /** The lab host's /etc/nftables.conf, as `ip netns exec` shows it to Virtwire. */
    private String savedConf() {
        try {
            return java.nio.file.Files.readString(Path.of("/etc/netns", lab.netns(), "nftables.conf"));
        } catch (IOException e) {
            throw new AssertionError("the lab host has no /etc/nftables.conf: " + e.getMessage(), e);
        }
    }

    private static JsonNode manager(JsonNode firewall, String name) {
        for (JsonNode m : firewall.get("managers")) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no manager " + name + " in " + firewall.get("managers"));
    }

    private JsonNode rulesetWithoutCounters() throws IOException {
        return NftRulesetListing.withoutCounters(lab);
    }

    private boolean reachesInternet() {
        return lab.guestPings("g1", lab.internet());
    }

    private JsonNode diagnose() {
        try {
            return cli("diagnose", "--connect", lab.uri(), "--netns", lab.netns(), "--state-dir", stateDir.toString(),
                    "g1", "--to", "internet", "--internet", lab.internet(), "--json");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode cli(String... args) throws IOException {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.code(), () -> run.out() + run.err());
        return new ObjectMapper().readTree(run.out());
    }
}
