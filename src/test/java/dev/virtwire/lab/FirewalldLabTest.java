package dev.virtwire.lab;

import static dev.virtwire.lab.FirewalldSteps.FORWARD_WITHIN;
import static dev.virtwire.lab.FirewalldSteps.REACHES_WITHIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab host running firewalld ({@code lab up --firewall firewalld}: its own D-Bus bus and /etc/firewalld in
 * the lab's namespaces), reached over ssh where firewall-cmd talks to it. virbr0 out of the trusted zone (at
 * run time and permanently) leaves it in the default zone, whose rules reject its forwarded traffic: Virtwire
 * names firewalld's rule, fixes it through firewall-cmd (run time and --permanent), the fix stays after
 * {@code firewall-cmd --reload} and {@code lab reboot}, and undo takes virbr0 out of the zone again. Between the
 * fix and its undo, a port forward from the LAN host to g1's web server, as firewalld makes it (a forward port in
 * the public zone, the accept ahead of libvirt's reject in firewalld's direct rules), works, and still does after
 * the network's net-destroy/net-start, the reload and the reboot; its undo leaves firewalld's listings (run time
 * and permanent) as they were, and /etc/firewalld too: the same files (firewall-cmd's .old copies included), each
 * with its bytes, mode and owner. That net-destroy/net-start is Virtwire's fix of a missing masquerade (lab fault
 * masquerade-missing): named with libvirt's chain nat/LIBVIRT_PRT and firewalld's zone public, whose source NAT
 * (inet firewalld/nat_POST_public_allow) runs for what leaves by eth0 and masquerades nothing; the network's
 * restart makes libvirt's rules again, virbr0 stays in the trusted zone, and g1 reaches the internet address.
 * The same forward for the LAN host only (--from) is a rich rule in the zone, which
 * the topology lists as saved; it lets the LAN host through and not the LAN's router, and is undone as exactly.
 * Once virbr0 is trusted again, a firewalld policy rejects its traffic instead (lab fault firewalld-policy-reject:
 * the lab's policy guests-out gets the trusted zone as its ingress zone): Virtwire names the policy, puts an accept
 * rich rule for virbr0's subnet into it (run time and --permanent), which stays through the same reload and
 * reboot, and its undo leaves firewalld's policies (run time and permanent) and /etc/firewalld as they were.
 * Fedora's shape (libvirt's own zones, libvirtd on firewalld's bus) is {@link FirewalldLibvirtLabTest}'s.
 */
@LabTest
@RebuildsTheLab
class FirewalldLabTest {
    private static final String FORWARDED_PORT = FirewalldLabHost.FORWARDED_PORT;

    @TempDir
    Path stateDir;

    /**
     * The history of the missing masquerade's fix, apart: its network restart comes between the forward and the
     * forward's undo, and undoing it would restart the network once more.
     */
    @TempDir
    Path masqueradeStateDir;

    private final Lab lab;
    private final FirewalldLabHost host;
    private FirewalldSteps steps;

    FirewalldLabTest(Lab lab) {
        this.lab = lab;
        this.host = new FirewalldLabHost(lab);
    }

    @BeforeEach
    void firewalldHost() {
        lab.useFirewall("firewalld");
        steps = new FirewalldSteps(lab, host, stateDir);
    }

    /** The faults, healed; the lab's shape is left to the next class (see {@link Lab#useFirewall}). */
    @AfterEach
    void heal() {
        lab.exec("virsh", "autostart", "--disable", "g1");
        lab.heal();
    }

    @Test
    void theRejectIsNamedFixedThroughFirewallCmdKeptAcrossReloadAndRebootAndUndone() throws IOException {
        String uri = lab.sshUri();
        assertTrue(Eventually.within(REACHES_WITHIN, host::reachesInternet),
                () -> "before the fault g1 does not reach the internet address\n" + host.firewalldState());
        JsonNode first = steps.rejectNamedFirstAfter("forward-drop", uri);
        // the default zone's chain, where virbr0's traffic goes without a zone of its own, ends in the reject
        assertTrue(first.get("evidence").toString().contains("inet firewalld/filter_FWD_public"), first::toPrettyString);
        assertTrue(first.toString().contains("firewalld's trusted zone"), first::toPrettyString);
        assertFalse(first.get("fix").isNull(), first::toPrettyString);

        CliRun fix = steps.cli(uri, "fix", "g1", "forward-rule-reject", "--to", "internet", "--internet", lab.internet(),
                "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix:\n" + fix.out() + fix.err());
        assertTrue(fix.out().contains("firewall-cmd --zone=trusted --add-interface=virbr0"), fix::out);
        assertTrue(fix.out().contains("firewall-cmd --permanent --zone=trusted --add-interface=virbr0"), fix::out);
        assertTrue(Eventually.within(REACHES_WITHIN, host::reachesInternet), "after the fix g1 reaches the internet");
        FirewalldSteps.PolicyBefore policyBefore = steps.thePolicysRejectIsNamedAndFixedWithARichRule(uri);

        // a port forward from the LAN to g1's web server, as firewalld makes it: kept through all that follows
        String firewalldBefore = host.firewalldListing();
        String filesBefore = host.permanentFiles();
        host.startWebServer();
        String guest = lab.guestIp("g1");
        CliRun forward = steps.cli(uri, "forward", "add", "tcp", FORWARDED_PORT, guest + ":80", "--yes");
        assertEquals(0, forward.code(), () -> "virtwire forward add:\n" + forward.out() + forward.err());
        assertTrue(forward.out().contains("firewall-cmd --permanent --zone=public --add-forward-port=port="
                + FORWARDED_PORT + ":proto=tcp:toport=80:toaddr=" + guest), forward::out);
        assertTrue(forward.out().contains("firewall-cmd --permanent --direct --add-rule ipv4 filter FORWARD 1 -j "
                + "LIBVIRT_FWI"), forward::out);
        assertTrue(forward.out().contains("cat -- /etc/firewalld/zones/public.xml"), forward::out);
        assertTrue(Eventually.within(FORWARD_WITHIN, host::lanReachesGuest),
                () -> "the LAN host reaches g1's web server through the lab host's port\n" + host.firewalldState());
        // the network's net-destroy/net-start here is Virtwire's fix of a missing masquerade (which also plugs g1's
        // tap back into the bridge libvirt makes anew, as libvirt 9 does not until libvirtd restarts)
        steps.aMissingMasqueradeIsNamedAndFixed(uri, masqueradeStateDir, "trusted");
        assertTrue(Eventually.within(FORWARD_WITHIN, host::lanReachesGuest),
                () -> "after the network's net-destroy/net-start the forward still works\n" + host.firewalldState());

        CommandResult reload = lab.exec("firewall-cmd", "--reload");
        assertTrue(reload.ok(), reload::describe);
        assertEquals("trusted", lab.exec("firewall-cmd", "--get-zone-of-interface=virbr0").stdout().strip(),
                "the reload keeps virbr0 in the trusted zone: the fix saved it with --permanent");
        // the reload flushed libvirt's iptables rules too; a real host's libvirtd hears firewalld's Reloaded
        // signal on D-Bus and makes them again, the lab's libvirtd is kept off the lab's bus: a restart does that
        CommandResult libvirtd = lab.lab("restart-libvirtd");
        assertTrue(libvirtd.ok(), libvirtd::describe);
        assertTrue(Eventually.within(REACHES_WITHIN, host::reachesInternet), "after firewall-cmd --reload too: the "
                + "zone and the policy's rich rule were saved\n" + host.firewalldState());
        steps.assertPolicyAccepts("after firewall-cmd --reload");
        assertTrue(Eventually.within(FORWARD_WITHIN, host::lanReachesGuest),
                () -> "after firewall-cmd --reload the forward still works\n" + host.firewalldState());

        CommandResult autostart = lab.exec("virsh", "autostart", "g1"); // so that the reboot starts it again
        assertTrue(autostart.ok(), autostart::describe);
        CommandResult reboot = lab.lab(Duration.ofMinutes(4), "reboot");
        assertTrue(reboot.ok(), reboot::describe);
        assertEquals("trusted", lab.exec("firewall-cmd", "--get-zone-of-interface=virbr0").stdout().strip(),
                "firewalld puts virbr0 in the trusted zone again at boot, from its permanent configuration");
        steps.assertPolicyAccepts("after lab reboot");
        // without a network manager (--netconf none) the reboot leaves eth0 without its address and default
        // route: given back by hand, as a manager would at boot (a lab up would also rebuild br0 and boot g2 and
        // g3, which this test does not need: the lab up after it does that)
        CommandResult uplink = lab.uplinkBackByHand();
        assertTrue(uplink.ok(), uplink::describe);
        assertTrue(Eventually.within(REACHES_WITHIN, host::reachesInternet), "after lab reboot too");
        host.startWebServer(); // g1 booted again
        assertTrue(Eventually.within(FORWARD_WITHIN, host::lanReachesGuest),
                () -> "after lab reboot the forward still works\n" + host.firewalldState());

        CliRun forwardUndone = steps.cli(uri, "undo", "--yes");
        assertEquals(0, forwardUndone.code(), () -> "virtwire undo:\n" + forwardUndone.out() + forwardUndone.err());
        assertEquals(firewalldBefore, host.firewalldListing(), "undo leaves firewalld's zones, policies and permanent "
                + "direct rules as they were");
        // firewall-cmd --permanent made the zone's file (and rewrote direct.xml, keeping .old copies): undo puts
        // /etc/firewalld back as it was, every file's bytes, mode and owner, none added
        assertEquals(filesBefore, host.permanentFiles(), "undo leaves /etc/firewalld as it was");
        assertFalse(host.lanReachesGuest(), "after undo the port is closed again");
        forwardFromTheLanHostOnly(uri, guest, firewalldBefore, filesBefore);

        CliRun policyUndone = steps.cli(uri, "undo", "--yes");
        assertEquals(0, policyUndone.code(), () -> "virtwire undo:\n" + policyUndone.out() + policyUndone.err());
        assertEquals(policyBefore.policies(), host.policies(), "undo leaves firewalld's policies as they were");
        assertEquals(policyBefore.files(), host.permanentFiles(), "undo leaves /etc/firewalld as it was");
        assertFalse(host.reachesInternet(), "the policy rejects g1's traffic again");

        CliRun undo = steps.cli(uri, "undo", "--yes");
        assertEquals(0, undo.code(), () -> "virtwire undo:\n" + undo.out() + undo.err());
        assertFalse(lab.exec("firewall-cmd", "--get-zone-of-interface=virbr0").ok(), "virbr0 has no zone again");
        assertFalse(lab.exec("firewall-cmd", "--permanent", "--get-zone-of-interface=virbr0").ok(),
                "nor in the permanent configuration");
        assertTrue(Eventually.never(host::reachesInternet), "firewalld rejects it again");
    }

    /**
     * The same forward for the LAN host's address only: firewalld's rich rule in the public zone (run time and
     * permanent), which the topology lists as saved; the LAN host gets the page, the LAN's router (another
     * source) does not; undo leaves firewalld's listings and /etc/firewalld as they were.
     */
    private void forwardFromTheLanHostOnly(String uri, String guest, String firewalldBefore, String filesBefore)
            throws IOException {
        long started = System.nanoTime();
        String rule = "rule family=\"ipv4\" source address=\"" + lab.lanHost() + "\" forward-port port=\""
                + FORWARDED_PORT + "\" protocol=\"tcp\" to-port=\"80\" to-addr=\"" + guest + "\"";
        CliRun from = steps.cli(uri, "forward", "add", "tcp", FORWARDED_PORT, guest + ":80", "--from",
                lab.lanHost(), "--yes");
        assertEquals(0, from.code(), () -> "virtwire forward add --from:\n" + from.out() + from.err());
        assertTrue(from.out().contains("firewall-cmd --permanent --zone=public '--add-rich-rule=" + rule + "'"),
                from::out);
        assertTrue(from.out().contains("cat -- /etc/firewalld/zones/public.xml"), from::out);
        assertTrue(Eventually.within(FORWARD_WITHIN, host::lanReachesGuest),
                () -> "the LAN host reaches g1 through the rich rule\n" + host.firewalldState());
        CommandResult router = lab.lanRouterFetches(FORWARDED_PORT);
        assertFalse(router.stdout().contains(FirewalldLabHost.PAGE), "the LAN's router is not the forward's source: " + router.describe());
        CliRun topology = steps.cli(uri, "topology", "--json");
        JsonNode zones = new ObjectMapper().readTree(topology.out()).at("/firewall/firewalld/zones");
        assertTrue(zones.toString().contains("{\"rule\":" + new ObjectMapper().writeValueAsString(rule)
                + ",\"running\":true,\"saved\":true}"), () -> "the topology lists the rich rule as saved:\n" + zones);

        CliRun undone = steps.cli(uri, "undo", "--yes");
        assertEquals(0, undone.code(), () -> "virtwire undo:\n" + undone.out() + undone.err());
        assertEquals(firewalldBefore, host.firewalldListing(), "undo leaves firewalld's zones and policies as they were");
        assertEquals(filesBefore, host.permanentFiles(), "undo leaves /etc/firewalld as it was");
        assertFalse(host.lanReachesGuest(), "after undo the port is closed again");
        System.out.printf("FirewalldLabTest: the forward --from, checked and undone: %d s%n",
                (System.nanoTime() - started) / 1_000_000_000L);
    }
}
