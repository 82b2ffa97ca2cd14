package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.cli.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab host with iptables-persistent ({@code lab up --firewall iptables-persistent}: its own
 * /etc/iptables/rules.v4, saved with libvirt's rules in and loaded at {@code lab reboot} before libvirtd). The fault
 * takes libvirt's jumps out of FORWARD and drops by its policy, saved in rules.v4 too. Virtwire's fix, over ssh,
 * saves its accept in rules.v4's filter block; after a reboot the accept is back ahead of libvirt's jumps and, with
 * those taken out again, lets g1 out alone; a port forward saved the same way works from the LAN host after the
 * reboot; undo leaves rules.v4 byte for byte and takes only Virtwire's rules out of the ruleset.
 */
@LabTest
@RebuildsTheLab
class IptablesPersistentLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final Duration GUEST_ANSWERS_WITHIN = Duration.ofSeconds(120);
    private static final String RULES_V4 = "/etc/iptables/rules.v4";
    private static final String ACCEPT_IN = "-A FORWARD -i virbr0 -m comment --comment virtwire:accept:virbr0 -j ACCEPT";
    private static final String PORT = "18086";
    private static final String PAGE = "virtwire-persistent-fwd-ok";

    @TempDir
    Path stateDir;

    private final Lab lab;

    IptablesPersistentLabTest(Lab lab) {
        this.lab = lab;
    }

    @BeforeEach
    void persistentHost() {
        lab.useFirewall("iptables-persistent");
    }

    /** The faults, healed; the lab's shape is left to the next class (see {@link Lab#useFirewall}). */
    @AfterEach
    void heal() {
        lab.heal();
    }

    @Test
    void theAcceptIsSavedInRulesV4BackAheadOfLibvirtsJumpsAfterARebootAndUndoneByteForByte() {
        long started = System.nanoTime();
        String saved = lab.exec("cat", RULES_V4).stdout();
        assertTrue(saved.contains("-A FORWARD -j LIBVIRT_FWI"), () -> "the lab saved libvirt's rules:\n" + saved);
        lab.fault("forward-drop");
        assertFalse(lab.guestPings("g1", lab.internet()), "the fault holds");
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        assertTrue(Eventually.within(Duration.ofSeconds(30), () -> {
            seen.set(lab.diagnose(stateDir, "g1", "internet"));
            return seen.get().at("/findings/0/id").asText().equals("forward-policy-drop");
        }), () -> "expected forward-policy-drop first, got:\n" + seen.get().toPrettyString());
        String fileBefore = fileState();
        String ssh = lab.sshUri();

        CliRun fix = cli(ssh, "fix", "g1", "forward-policy-drop", "--to", "internet", "--internet", lab.internet(),
                "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix:\n" + fix.out() + fix.err());
        assertTrue(fix.out().contains("+" + ACCEPT_IN) && !fix.out().contains("gone after reboot"), fix::out);
        assertTrue(Eventually.within(WITHIN, () -> lab.guestPings("g1", lab.internet())), "after the fix");
        String written = lab.exec("cat", RULES_V4).stdout();
        assertTrue(written.indexOf(ACCEPT_IN) > 0 && written.indexOf(ACCEPT_IN) < written.indexOf(
                "-A FORWARD -j LIBVIRT_FWX"), () -> "the accept saved ahead of libvirt's jumps:\n" + written);

        String guest = lab.guestIp("g1");
        CliRun forward = cli(ssh, "forward", "add", "tcp", PORT, guest + ":80", "--yes");
        assertEquals(0, forward.code(), () -> "virtwire forward add:\n" + forward.out() + forward.err());
        assertTrue(forward.out().contains(RULES_V4), forward::out);
        long rebootAt = System.nanoTime();
        CommandResult reboot = lab.lab(Duration.ofMinutes(4), "reboot");
        assertTrue(reboot.ok(), reboot::describe);
        assertTrue(lab.exec("virsh", "-c", lab.uri(), "start", "g1").ok(), "g1 started after the reboot");
        String filter = lab.exec("iptables", "-S", "FORWARD").stdout();
        // iptables -S quotes comments; Virtwire's lines (the forward's accept, the newest, then the bridge's) first
        int accept = filter.indexOf("-A FORWARD -i virbr0 -m comment --comment \"virtwire:accept:virbr0\" -j ACCEPT");
        int firstJump = filter.indexOf("-A FORWARD -j LIBVIRT_FWX");
        assertTrue(filter.startsWith("-P FORWARD DROP\n") && accept > 0 && firstJump > accept && filter.substring(0,
                firstJump).lines().skip(1).allMatch(l -> l.contains("virtwire:")),
                () -> "rules.v4's accepts back first, ahead of libvirt's jumps:\n" + filter);
        System.out.println("IptablesPersistentLabTest: LIBVIRT_FWO after the reboot (rules.v4's, then libvirt's):\n"
                + lab.exec("iptables", "-S", "LIBVIRT_FWO").stdout());
        // the fault again (libvirt's jumps out): what lets g1 through is the saved accept alone
        CommandResult jumpsOut = lab.libvirtJumpsOutOfForward();
        assertTrue(jumpsOut.ok(), jumpsOut::describe);
        // no manager saved the lab host's address (netconf none): given back by hand, as its admin would
        CommandResult uplink = lab.uplinkBackByHand();
        assertTrue(uplink.ok(), uplink::describe);
        assertTrue(Eventually.within(GUEST_ANSWERS_WITHIN, () -> lab.exec("ping", "-c", "1", "-W", "1", guest).ok()),
                () -> "g1 does not answer at " + guest + " after the reboot");
        assertTrue(Eventually.within(WITHIN, () -> lab.guestPings("g1", lab.internet())),
                "after the reboot g1 reaches the internet through the saved accept");
        assertTrue(lab.serveFromGuest("g1", PAGE).ok());
        assertTrue(Eventually.within(WITHIN, () -> lab.lanHostGets(PORT, PAGE)),
                () -> "the saved forward after the reboot\n" + lab.exec("iptables-save").stdout());
        long checkedAt = System.nanoTime();

        String rulesBeforeUndo = ruleset();
        for (int i = 0; i < 2; i++) {
            CliRun undo = cli(ssh, "undo", "--yes");
            assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
        }
        assertEquals(fileBefore, fileState(), "undo leaves rules.v4 byte for byte, with its mode and owner");
        assertEquals(rulesBeforeUndo.lines().filter(l -> !l.contains("virtwire:")).collect(Collectors.joining("\n")),
                ruleset(), "undo takes Virtwire's rules out and nothing else");
        assertFalse(lab.guestPings("g1", lab.internet()), "the policy drops g1's traffic again");
        System.out.printf("IptablesPersistentLabTest: up to the reboot %d s, reboot and checks %d s, undo %d s%n",
                (rebootAt - started) / 1_000_000_000L, (checkedAt - rebootAt) / 1_000_000_000L,
                (System.nanoTime() - checkedAt) / 1_000_000_000L);
    }

    /** rules.v4's SHA-256, mode and owner. */
    private String fileState() {
        CommandResult out = lab.exec("sh", "-c", "sha256sum " + RULES_V4 + " && stat -c '%a %U:%G' " + RULES_V4);
        assertTrue(out.ok(), out::describe);
        return out.stdout();
    }

    /** iptables-save without its counters and its comment lines (which carry the time). */
    private String ruleset() {
        CommandResult out = lab.exec("iptables-save");
        assertTrue(out.ok(), out::describe);
        return out.stdout().lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.startsWith(":") ? l.replaceFirst(" \\[\\d+:\\d+\\]$", "") : l)
                .collect(Collectors.joining("\n"));
    }

    private CliRun cli(String uri, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(args));
        argv.addAll(List.of("--connect", uri, "--state-dir", stateDir.toString()));
        return CliRun.of(argv.toArray(String[]::new));
    }
}
