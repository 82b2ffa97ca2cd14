package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/**
 * NftablesFirewallLabTest's port forward for the LAN host only, saved over ssh in Virtwire's libvirt network hook,
 * once {@code lab reboot} has flushed every rule and the hook has put it back: the traffic through it, then the
 * nftables service's reload and a restart of the guest's network with it in place.
 */
final class NftablesHookedForward {
    /** A guest boots in about 11 s under TCG on an idle machine; the lab itself waits up to 180 s. */
    private static final Duration GUEST_ANSWERS_WITHIN = Duration.ofSeconds(120);

    private final Lab lab;
    private final String port;
    private final String page;
    private final String comment;

    /** The forward from the lab host's {@code port} to g1's {@code page}; {@code forwarded}: tcp:PORT:GUEST:80. */
    NftablesHookedForward(Lab lab, String port, String page, String forwarded) {
        this.lab = lab;
        this.port = port;
        this.page = page;
        this.comment = "virtwire:fwd:" + forwarded;
    }

    /**
     * Traffic through the forward the hook put back after the reboot: g1, started after it, answers at the
     * forward's address and serves its page; the LAN host, the forward's source, gets the page through the lab
     * host's port, the LAN's router does not.
     */
    void letsTheLanHostOnlyIn(String guest, long startedG1) {
        long waitFrom = System.nanoTime();
        assertTrue(Eventually.within(GUEST_ANSWERS_WITHIN, () -> lab.exec("ping", "-c", "1", "-W", "1", guest).ok()),
                () -> "g1, started after the reboot, does not answer ping at " + guest + " (the forward's address) "
                        + "within " + GUEST_ANSWERS_WITHIN.toSeconds() + " s; its address now: '" + lab.guestIp("g1")
                        + "'; the end of its console:\n" + endOf(lab.console("g1")));
        long waited = System.nanoTime() - waitFrom;
        CommandResult httpd = lab.serveFromGuest("g1", page);
        assertTrue(httpd.ok(), httpd::describe);
        assertTrue(Eventually.within(Duration.ofSeconds(20), () -> lab.lanHostGets(port, page)),
                () -> "after the reboot the LAN host, the forward's source, does not get g1's page through the "
                        + "hook's forward:\n" + lab.exec("iptables", "-S", "FORWARD").describe() + "\n"
                        + lab.exec("iptables", "-t", "nat", "-S", "PREROUTING").describe());
        CommandResult router = lab.lanRouterFetches(port);
        assertFalse(router.stdout().contains(page), () -> "the LAN's router is not the forward's source, yet it "
                + "gets g1's page after the reboot: " + router.describe());
        System.out.printf("NftablesFirewallLabTest: g1 started after the reboot, the hook's forward carried the LAN "
                + "host's connection only, %d s after virsh start (%d s of it waiting for g1 to answer)%n",
                (System.nanoTime() - startedG1) / 1_000_000_000L, waited / 1_000_000_000L);
    }

    /**
     * The nftables service's reload ({@code systemctl reload nftables}, i.e. {@code nft -f /etc/nftables.conf}), with
     * the forward working: Debian's file begins with {@code flush ruleset}, which takes every table away, iptables-nft's
     * too, so libvirt's chains and masquerade go with the forward's DNAT and accept; the accept Virtwire saved in the
     * file is back at once. libvirt 9 makes its rules again only when libvirtd or a network starts: after such a
     * reload the admin restarts libvirtd (guests keep running): libvirt makes its rules again and runs the hook for
     * each running guest's port ({@code port-created}), which puts the forward's DNAT and accept back, ahead of
     * libvirt's reject, and the LAN host gets g1's page. {@code virsh net-destroy default; virsh net-start default}
     * with the forward in place: the hook puts the accept first at {@code started}, and after the libvirtd restart
     * that reconnects g1's tap (libvirt finds its jumps, the hook puts the accept first again) the LAN host gets
     * g1's page.
     */
    void outlivesTheServicesReloadAndTheNetworksRestart() {
        long started = System.nanoTime();
        // the lab host's file as its boot loads it: ip netns exec binds it over /etc (the lab's mount namespace may
        // hold the inode it had when the lab started, before Virtwire renamed its new text over it)
        CommandResult reload = lab.execIn(lab.netns(), "nft", "-f", "/etc/nftables.conf");
        CommandResult chain = lab.exec("nft", "list", "chain", "inet", "filter", "forward");
        String flushed = lab.exec("iptables", "-S", "FORWARD").stdout()
                + lab.exec("iptables", "-t", "nat", "-S").stdout();
        boolean throughFlushedRules = lab.lanHostGets(port, page);
        // restarted before the checks: a flushed lab would fail the tests after this one (libvirt's rules gone)
        CommandResult libvirtd = lab.lab("restart-libvirtd");
        assertTrue(reload.ok(), reload::describe);
        assertTrue(chain.ok() && chain.stdout().contains("virtwire:accept:virbr0"),
                () -> "the accept saved in /etc/nftables.conf is back at once:\n" + chain.describe());
        assertFalse(flushed.contains(comment) || flushed.contains("LIBVIRT_"),
                () -> "flush ruleset took libvirt's rules and the forward's away:\n" + flushed);
        assertFalse(throughFlushedRules, "no forward until libvirt makes its rules again");
        assertTrue(libvirtd.ok(), libvirtd::describe);
        // libvirt's start makes its chains and jumps again and runs the hook for g1's port. On the lab the hook runs
        // first: it makes LIBVIRT_FWI and its jump behind the accept, so libvirt inserts no jump to it ahead
        assertTrue(Eventually.within(Duration.ofSeconds(20), () -> acceptAheadOfLibvirt()
                && lab.exec("iptables", "-t", "nat", "-S", "PREROUTING").stdout().contains(comment)),
                () -> "after libvirtd's restart libvirt's rules and the forward's (the hook, at port-created) are "
                        + "back, the accept ahead of libvirt's reject:\n" + lab.exec("iptables", "-S", "FORWARD").describe()
                        + "\n" + lab.exec("iptables", "-t", "nat", "-S", "PREROUTING").describe());
        String forwardAfterRestart = lab.exec("iptables", "-S", "FORWARD").stdout();
        assertTrue(Eventually.within(Duration.ofSeconds(30), () -> lab.lanHostGets(port, page)),
                () -> "after the service's reload and libvirtd's restart the LAN host gets g1's page through the "
                        + "forward:\n" + lab.exec("iptables", "-S", "FORWARD").describe() + "\n"
                        + lab.exec("iptables", "-S", "LIBVIRT_FWI").describe());
        long reloaded = System.nanoTime();

        CommandResult destroyed = lab.exec("virsh", "net-destroy", "default");
        assertTrue(destroyed.ok(), destroyed::describe);
        CommandResult netStarted = lab.exec("virsh", "net-start", "default");
        assertTrue(netStarted.ok(), netStarted::describe);
        assertTrue(acceptAheadOfLibvirt(), () -> "the hook put the accept back first at the network's start:\n"
                + lab.exec("iptables", "-S", "FORWARD").describe());
        // libvirt 9 leaves a running guest's tap out of the new bridge until libvirtd restarts and reconnects it
        CommandResult reconnect = lab.lab("restart-libvirtd");
        assertTrue(reconnect.ok(), reconnect::describe);
        assertTrue(Eventually.within(Duration.ofSeconds(20), this::acceptAheadOfLibvirt), () -> "libvirtd's start "
                + "found libvirt's jumps there and the hook (port-created) put the accept first:\n"
                + lab.exec("iptables", "-S", "FORWARD").describe());
        assertTrue(Eventually.within(Duration.ofSeconds(30), () -> lab.lanHostGets(port, page)),
                () -> "after virsh net-destroy/net-start the LAN host gets g1's page through the forward:\n"
                        + lab.exec("iptables", "-S", "FORWARD").describe() + "\n"
                        + lab.exec("bridge", "link").describe());
        System.out.printf("NftablesFirewallLabTest: the forward working after the service's reload and libvirtd's "
                + "restart in %d s (FORWARD then: %s), after virsh net-destroy/net-start in %d s: %d s added%n",
                (reloaded - started) / 1_000_000_000L, String.join(" | ", forwardAfterRestart.strip().split("\n")),
                (System.nanoTime() - reloaded) / 1_000_000_000L, (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** Whether FORWARD has the forward's accept and libvirt's jump to LIBVIRT_FWI after it. */
    private boolean acceptAheadOfLibvirt() {
        String forward = lab.exec("iptables", "-S", "FORWARD").stdout();
        int accept = forward.indexOf(comment);
        return accept >= 0 && forward.indexOf("-j LIBVIRT_FWI") > accept;
    }

    private static String endOf(String console) {
        return console.substring(Math.max(0, console.length() - 2000));
    }
}
