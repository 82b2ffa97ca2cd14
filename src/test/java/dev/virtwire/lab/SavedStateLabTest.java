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
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What runs but is not saved, on a lab host whose network a manager owns: the troubleshooter names it first, with
 * its evidence, and {@code lab reboot} then takes away exactly what it predicted (so the finding is honest); what
 * was saved comes back (a sysctl in /etc/sysctl.d, and, on today's default firewall, plain iptables, a port forward
 * in Virtwire's libvirt network hook). Both run with {@code lab up --firewall iptables}; the lab goes back to its
 * default after each.
 */
@LabTest
@RebuildsTheLab
class SavedStateLabTest {
    private static final String BRIDGED_GUEST = "g2";
    private static final Duration DIAGNOSED_WITHIN = Duration.ofSeconds(30);
    private static final Duration REBOOT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration BACK_ON_THE_LAN_WITHIN = Duration.ofSeconds(60);
    /** A documentation address (TEST-NET-1): added by hand, nothing on the LAN uses it. */
    private static final String BY_HAND = "192.0.2.77/24";
    private static final String PORT = "18087";
    private static final String PAGE = "virtwire-hook-fwd-ok";
    /** A guest boots in about 11 s under TCG on an idle machine; the lab itself waits up to 180 s. */
    private static final Duration GUEST_ANSWERS_WITHIN = Duration.ofSeconds(120);
    private static final Duration FORWARD_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    private final Lab lab;

    SavedStateLabTest(Lab lab) {
        this.lab = lab;
    }

    /**
     * ifupdown owns br0 and its port eth1; one reboot takes what was only run and keeps what was saved.
     * <ul>
     * <li>By hand: a bridge br9, eth1 moved into it, g2 moved there (running and saved config). not-saved comes
     * first (br9, made by hand), then manager-conflict (eth1, saved as br0's port); not-saved's fix saves br9 with
     * eth1 in /etc/network/interfaces and its undo puts the file back byte for byte; after the reboot br9 is gone,
     * eth1 is br0's port again and g2 does not start.</li>
     * <li>eth1's forwarding turned off live and saved (--scope both) in the lab's /etc/sysctl.d, beside an admin's
     * lines: after the reboot (which resets forwarding, and libvirt's ip_forward=1 turns every link's on) eth1's is
     * off again from the file while eth0's is on; undo turns it on and puts the file back byte for byte.</li>
     * </ul>
     * One reboot for both: each costs a minute and a half of CI's time.
     */
    @Test
    void onIfupdownARebootTakesTheBridgeMadeByHandAndKeepsTheSavedForwardingSysctl() throws IOException {
        String sysctlFile = "/etc/sysctl.d/60-virtwire.conf";
        try {
            lab.useNetconf("ifupdown"); // its saved eth0 address brings the ssh login back after the reboot
            String uri = lab.sshUri();
            bridgeMadeByHandIsNotSaved(uri);
            String adminsFile = forwardingOffSavedBesideAnAdminsLines(uri, sysctlFile);

            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            assertEquals("1", sysctl("net.ipv4.conf.eth0.forwarding"), "the reboot turned every link's on");
            assertEquals("0", sysctl("net.ipv4.conf.eth1.forwarding"), "eth1's saved value was applied at boot");
            // as an admin waits for a rebooted host to answer before logging in again
            assertTrue(Eventually.within(BACK_ON_THE_LAN_WITHIN, () -> lab.execIn(lab.lanHostNetns(), "ping", "-c", "1",
                    "-W", "1", lab.hostIp()).ok()), () -> "the lab host does not answer on the LAN after the reboot:\n"
                    + lab.exec("ip", "-br", "addr").stdout() + lab.execIn(lab.lanHostNetns(), "ip", "neigh").stdout());

            JsonNode rebooted = LabTopology.read(lab.sshUri());
            assertTrue(LabTopology.link(rebooted, "br9").isMissingNode(),
                    "br9 survived the reboot: " + rebooted.path("links"));
            assertEquals("br0", LabTopology.link(rebooted, "eth1").path("master").asText(),
                    "ifupdown put eth1 back into br0");
            CommandResult start = lab.exec("virsh", "start", BRIDGED_GUEST);
            assertFalse(start.ok(), "g2 started on a bridge that is gone: " + start.describe());
            assertTrue(start.stderr().contains("br9"), start::describe);

            CliRun undo = CliRun.of("undo", "--connect", lab.sshUri(), "--state-dir", stateDir.toString(), "--yes");
            assertEquals(0, undo.code(), () -> undo.out() + undo.err());
            assertEquals(adminsFile, lab.exec("cat", sysctlFile).stdout(), "undo put the file back byte for byte");
            assertEquals("1", sysctl("net.ipv4.conf.eth1.forwarding"));
        } finally {
            // the next lab up (the next test's, or the next class's) defines g2 again as the lab made it (on br0)
            lab.exec("virsh", "destroy", BRIDGED_GUEST);
            lab.exec("virsh", "undefine", BRIDGED_GUEST);
            lab.exec("ip", "link", "del", "br9");
            lab.exec("rm", "-f", sysctlFile);
            lab.exec("sysctl", "-qw", "net.ipv4.conf.eth1.forwarding=1");
        }
    }

    /** br9 by hand, eth1 and g2 moved into it: diagnosed, fixed through ifupdown and the fix undone. */
    private void bridgeMadeByHandIsNotSaved(String uri) throws IOException {
        for (String[] command : new String[][]{{"ip", "link", "add", "br9", "type", "bridge"},
                {"ip", "link", "set", "br9", "up"}, {"ip", "link", "set", "eth1", "nomaster"},
                {"ip", "link", "set", "eth1", "master", "br9"}}) {
            CommandResult done = lab.exec(command);
            assertTrue(done.ok(), done::describe);
        }
        String mac = nicMac(LabTopology.read(uri), BRIDGED_GUEST);
        CliRun moved = CliRun.of("attach", BRIDGED_GUEST, "--nic", mac, "--to", "bridge:br9", "--connect", uri,
                "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, moved.code(), () -> moved.out() + moved.err());
        // The host knows a bridged guest's address only from its ARP table, and the entry the lab's up left may be
        // gone by now (CI once saw no-dhcp-lease come first): the host talks to g2 once, as the lab's up does.
        String g2 = lab.guestIp(BRIDGED_GUEST);
        assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> lab.exec("ping", "-c", "1", "-W", "1", g2).ok()),
                () -> "g2 (" + g2 + ") does not answer the lab host on br9: " + lab.exec("ip", "neigh").stdout());

        JsonNode d = diagnosedFirst(uri, BRIDGED_GUEST, "lan", "not-saved");
        JsonNode first = d.at("/findings/0");
        assertTrue(has(first.get("evidence"), "ip link show br9: bridge"), first::toPrettyString);
        assertTrue(has(first.get("evidence"), "saved by no network manager"), first::toPrettyString);
        assertTrue(has(first.get("evidence"), BRIDGED_GUEST + "'s NIC " + mac + " is of type bridge on br9"),
                first::toPrettyString);
        assertTrue(has(first.get("steps"), "add to /etc/network/interfaces: auto br9"), first::toPrettyString);
        JsonNode conflict = finding(d, "manager-conflict");
        assertTrue(has(conflict.get("evidence"), "ifupdown (/etc/network/interfaces:9): master: running br9, "
                + "saved br0"), conflict::toPrettyString);

        // the one-click fix saves br9 with eth1 through ifupdown (eth1 out of br0's bridge_ports); undone at once
        String interfaces = lab.exec("cat", "/etc/network/interfaces").stdout();
        CliRun fixed = CliRun.of("fix", BRIDGED_GUEST, "not-saved", "--to", "lan", "--connect", uri,
                "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, fixed.code(), () -> fixed.out() + fixed.err());
        assertTrue(fixed.out().contains("not-saved is gone"), fixed::out);
        String saved = lab.exec("cat", "/etc/network/interfaces").stdout();
        assertTrue(saved.contains("iface br9 inet manual\n    bridge_ports eth1\n"), saved);
        assertTrue(saved.contains("iface br0 inet manual\n    bridge_ports none\n"), saved);
        CliRun undone = CliRun.of("undo", "--connect", uri, "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, undone.code(), () -> undone.out() + undone.err());
        assertEquals(interfaces, lab.exec("cat", "/etc/network/interfaces").stdout(), "undo: byte for byte");
    }

    /** eth1's forwarding off, live and saved, in a file that holds an admin's lines; the file as it was before. */
    private String forwardingOffSavedBesideAnAdminsLines(String uri, String file) {
        String theirs = "# an admin's own line, kept\nnet.ipv4.conf.all.rp_filter = 2\n";
        // the text and the path as arguments, never inside the script
        CommandResult written = lab.exec("sh", "-c", "printf '%s' \"$1\" > \"$2\"", "sh", theirs, file);
        assertTrue(written.ok(), written::describe);
        String before = lab.exec("cat", file).stdout();
        CliRun saved = CliRun.of("link", "forwarding", "eth1", "off", "--scope", "both", "--connect", uri,
                "--state-dir", stateDir.toString(), "--yes");
        assertEquals(0, saved.code(), () -> saved.out() + saved.err());
        assertTrue(saved.out().contains("# +net.ipv4.conf.eth1.forwarding = 0"), saved::out);
        assertEquals(before + "net.ipv4.conf.eth1.forwarding = 0\n", lab.exec("cat", file).stdout(),
                "the admin's lines stay");
        assertEquals("0", sysctl("net.ipv4.conf.eth1.forwarding"));
        return before;
    }

    /**
     * NetworkManager owns eth0 (profile lab-uplink, a static address). An address added by hand there is
     * manager-conflict, named first for g1 (NAT, out through eth0); after a reboot the address is gone and the saved
     * one is back. On today's default firewall (plain iptables: libvirt 9's rules, no iptables-persistent file), a
     * port forward to g1 made over ssh is saved in Virtwire's libvirt network hook: the reboot flushes every rule,
     * the hook puts the forward back when libvirt starts the network, and g1 (started again: the lab's guests do
     * not autostart) serves its page to the LAN host through it, and still after {@code virsh
     * net-destroy/net-start} of its network; undo takes the forward and the hook away.
     */
    @Test
    void anAddressAddedByHandIsAConflictAndGoneAfterARebootAndAForwardSavedInVirtwiresHookIsBack() throws IOException {
        boolean passed = false;
        try {
            lab.useNetconf("nm");
            String uri = lab.sshUri();
            CommandResult added = lab.exec("ip", "addr", "add", BY_HAND, "dev", "eth0");
            assertTrue(added.ok(), added::describe);

            JsonNode first = diagnosedFirst(uri, "g1", "lan", "manager-conflict").at("/findings/0");
            assertTrue(has(first.get("evidence"), "NetworkManager (lab-uplink): addresses: running " + BY_HAND
                    + " not saved"), first::toPrettyString);
            assertTrue(has(first.get("evidence"), "NetworkManager is running"), first::toPrettyString);
            assertTrue(has(first.get("steps"), "ip addr del " + BY_HAND + " dev eth0"), first::toPrettyString);
            assertTrue(has(first.get("steps"), "nmcli connection modify 'lab-uplink'"), first::toPrettyString);

            long forwardFrom = System.nanoTime();
            String hooksBefore = hooks();
            String guest = lab.guestIp("g1"); // before the reboot: the address the forward goes to
            CliRun forward = CliRun.of("forward", "add", "tcp", PORT, guest + ":80", "--connect", uri,
                    "--state-dir", stateDir.toString(), "--yes");
            assertEquals(0, forward.code(), () -> forward.out() + forward.err());
            assertTrue(forward.out().contains(NetworkHook.PATH) && !forward.out().contains("rules.v4")
                    && !forward.out().contains("gone after reboot"), forward::out);
            long forwardAdded = System.nanoTime();

            CommandResult reboot = lab.lab(REBOOT_TIMEOUT, "reboot");
            assertTrue(reboot.ok(), reboot::describe);
            long rebooted = System.nanoTime();
            CommandResult start = lab.exec("virsh", "start", "g1"); // boots while the uplink is read
            assertTrue(start.ok(), start::describe);
            JsonNode eth0 = LabTopology.link(LabTopology.read(lab.sshUri()), "eth0");
            assertFalse(has(eth0.path("addresses"), BY_HAND), "the address by hand survived: " + eth0);
            assertTrue(has(eth0.path("addresses"), "10.77.0.2/24"), "the saved address is back: " + eth0);
            assertTrue(eth0.path("saved").asBoolean(), eth0::toString);
            long eth0Read = System.nanoTime();

            assertTrue(Eventually.within(GUEST_ANSWERS_WITHIN, () -> lab.exec("ping", "-c", "1", "-W", "1", guest)
                    .ok()), () -> "g1, started after the reboot, does not answer at " + guest + "; its address now: '"
                    + lab.guestIp("g1") + "'");
            CommandResult httpd = lab.serveFromGuest("g1", PAGE);
            assertTrue(httpd.ok(), httpd::describe);
            assertTrue(Eventually.within(FORWARD_WITHIN, () -> lab.lanHostGets(PORT, PAGE)), () -> "after the "
                    + "reboot the LAN host does not get g1's page through the hook's forward:\n"
                    + lab.exec("iptables", "-S", "FORWARD").describe() + "\n"
                    + lab.exec("iptables", "-t", "nat", "-S", "PREROUTING").describe());
            long servedAfterReboot = System.nanoTime();
            // the network's restart: libvirt makes its rules anew, and the hook (started) puts the forward back
            // ahead of them; libvirt 9 leaves g1's running tap out of the new bridge until libvirtd restarts
            for (List<String> step : List.of(List.of("virsh", "net-destroy", "default"),
                    List.of("virsh", "net-start", "default"))) {
                CommandResult done = lab.exec(step.toArray(String[]::new));
                assertTrue(done.ok(), done::describe);
            }
            CommandResult reconnect = lab.lab("restart-libvirtd");
            assertTrue(reconnect.ok(), reconnect::describe);
            assertTrue(Eventually.within(FORWARD_WITHIN, () -> lab.lanHostGets(PORT, PAGE)), () -> "after virsh "
                    + "net-destroy/net-start the LAN host does not get g1's page through the hook's forward:\n"
                    + lab.exec("iptables", "-S", "FORWARD").describe() + "\n"
                    + lab.exec("iptables", "-t", "nat", "-S", "PREROUTING").describe());
            long netRestarted = System.nanoTime();
            CliRun undo = CliRun.of("undo", "--connect", lab.sshUri(), "--state-dir", stateDir.toString(), "--yes");
            assertEquals(0, undo.code(), () -> undo.out() + undo.err());
            assertEquals(hooksBefore, hooks(), "undo takes the hook away, and the directories it made");
            assertFalse(lab.lanHostGets(PORT, PAGE), "after undo the port is closed again");
            System.out.printf("SavedStateLabTest: the forward added %d s; after the reboot g1 served the LAN host "
                    + "through the hook's forward and undo took it away in %d s more than reading eth0 (%d s), of "
                    + "which the network's restart and libvirtd's %d s%n",
                    (forwardAdded - forwardFrom) / 1_000_000_000L, (System.nanoTime() - eth0Read) / 1_000_000_000L,
                    (eth0Read - rebooted) / 1_000_000_000L, (netRestarted - servedAfterReboot) / 1_000_000_000L);
            passed = true;
        } finally {
            lab.exec("ip", "addr", "del", BY_HAND, "dev", "eth0");
            if (!passed) { // the hook would put the forward back at the next reboot of another class
                lab.exec("rm", "-f", NetworkHook.PATH);
            }
        }
    }

    /** The lab host's /etc/libvirt/hooks as find lists it, with modes: what a saved forward and its undo touch. */
    private String hooks() {
        return lab.exec("sh", "-c", "find /etc/libvirt -path '*hooks*' -printf '%p %m %u:%g\\n' | sort").stdout();
    }

    private String sysctl(String key) {
        CommandResult r = lab.exec("sysctl", "-n", key);
        assertTrue(r.ok(), r::describe);
        return r.stdout().strip();
    }

    private JsonNode diagnosedFirst(String uri, String guest, String to, String id) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        boolean named = Eventually.within(DIAGNOSED_WITHIN, () -> {
            CliRun run = CliRun.of("diagnose", guest, "--to", to, "--no-probes", "--json", "--connect", uri);
            try {
                seen.set(new ObjectMapper().readTree(run.out()));
            } catch (IOException e) {
                throw new AssertionError("virtwire diagnose printed no JSON: " + run.out() + run.err(), e);
            }
            return seen.get().at("/findings/0/id").asText().equals(id);
        });
        assertTrue(named, () -> "expected " + id + " first, got:\n" + seen.get().toPrettyString());
        return seen.get();
    }



    private static String nicMac(JsonNode topology, String guest) {
        return StreamSupport.stream(topology.path("guests").spliterator(), false)
                .filter(g -> g.path("name").asText().equals(guest)).findFirst()
                .map(g -> g.at("/nics/0/mac").asText())
                .orElseThrow(() -> new AssertionError("no guest " + guest + " in " + topology.path("guests")));
    }

    private static JsonNode finding(JsonNode diagnosis, String id) {
        return StreamSupport.stream(diagnosis.path("findings").spliterator(), false)
                .filter(f -> f.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + diagnosis.toPrettyString()));
    }


    private static boolean has(JsonNode lines, String text) {
        return StreamSupport.stream(lines.spliterator(), false).anyMatch(l -> l.asText().contains(text));
    }
}
