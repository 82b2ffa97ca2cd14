package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The changing commands on the demo host: plans shown as commands, --dry-run, --yes, refusals. */
class ChangeCommandsTest {
    @TempDir
    Path state;

    @Test
    void modeBridgedDryRunShowsUpdateDeviceAndChangesNothing() {
        CliRun r = run("mode", "web1", "bridged", "--demo", "--dry-run");
        assertEquals(0, r.code(), r.err());
        // two libvirt calls (the running guest, then its saved config), as the host makes them
        assertTrue(r.out().contains("virsh update-device web1 /dev/stdin --live"), r.out());
        assertTrue(r.out().contains("virsh update-device web1 /dev/stdin --config"), r.out());
        assertTrue(r.out().contains("<source bridge=\"br0\"/>"), r.out());
        assertTrue(r.out().contains("dry run: nothing was changed"), r.out());
        assertTrue(!r.out().contains("detach-interface"), r.out());
    }

    @Test
    void attachScopeSavedIsLibvirtsConfigAndConfigStaysAccepted() {
        for (String word : new String[] {"saved", "config"}) {
            CliRun r = run("attach", "web1", "--nic", "52:54:00:3a:10:01", "--to", "network:isolated", "--scope",
                    word, "--demo", "--dry-run");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("virsh update-device web1 /dev/stdin --config"), r.out());
            assertTrue(!r.out().contains("--live"), r.out());
        }
        CliRun live = run("attach", "web1", "--nic", "52:54:00:3a:10:01", "--to", "network:isolated", "--scope",
                "live", "--demo", "--dry-run");
        assertTrue(live.out().contains("--live") && !live.out().contains("--config"), live.out());
        CliRun wrong = run("attach", "web1", "--nic", "52:54:00:3a:10:01", "--to", "network:isolated", "--scope",
                "now", "--demo", "--dry-run");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("use live, saved or both"), wrong.err());
    }

    @Test
    void changesApplyWithYes() {
        assertEquals(0, run("attach", "web1", "--nic", "52:54:00:3a:10:01", "--to", "network:isolated", "--demo",
                "--yes").code());
        CliRun forward = run("forward", "add", "tcp", "8080", "192.168.122.10:80", "--demo", "--yes");
        assertEquals(0, forward.code(), forward.err());
        assertTrue(forward.out().contains("nft add rule ip virtwire prerouting tcp dport 8080 dnat to 192.168.122.10:80"),
                forward.out());
        CliRun network = run("network", "create", "lan2", "--mode", "nat", "--address", "192.168.60.1/24", "--dhcp",
                "192.168.60.100-192.168.60.200", "--demo", "--yes");
        assertEquals(0, network.code(), network.err());
        assertTrue(network.out().contains("virsh net-define /dev/stdin"), network.out());
    }

    @Test
    void aForwardsZoneIsCheckedAsItIsTypedThenAgainstTheHostsFirewall() {
        CliRun malformed = run("forward", "add", "tcp", "8080", "192.168.122.10:80", "--zone", "pub/lic", "--demo",
                "--dry-run");
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().contains("'pub/lic' is not a firewalld zone name: 1 to 17 letters"),
                malformed.err());
        CliRun noFirewalld = run("forward", "add", "tcp", "8080", "192.168.122.10:80", "--zone", "public", "--demo",
                "--dry-run");
        assertEquals(1, noFirewalld.code());
        assertTrue(noFirewalld.err().contains("this host runs no firewalld (its firewall: nftables): leave --zone out"),
                noFirewalld.err());
    }

    @Test
    void aForwardsSourceIsCheckedAsItIsTypedThenMatchedByTheNftablesRules() {
        CliRun host = run("forward", "add", "tcp", "8080", "192.168.122.10:80", "--from", "10.77.0.10/24", "--demo",
                "--dry-run");
        assertEquals(2, host.code());
        assertTrue(host.err().contains("'10.77.0.10/24' is not a network's own address: give 10.77.0.0/24"), host.err());
        // the demo host runs nftables: its own DNAT and libvirt's accept match the source
        CliRun nftables = run("forward", "add", "tcp", "8080", "192.168.122.10:80", "--from", "10.77.0.0/24",
                "--demo", "--dry-run");
        assertEquals(0, nftables.code(), nftables.err());
        assertTrue(nftables.out().contains("nft add rule ip virtwire prerouting ip saddr 10.77.0.0/24 tcp dport 8080"),
                nftables.out());
        assertTrue(nftables.out().contains("oifname virbr0 ip saddr 10.77.0.0/24 ip daddr 192.168.122.10"),
                nftables.out());
    }

    @Test
    void uplinkBridgingSaysItNeedsConfirmation() {
        CliRun r = run("uplink", "bridge", "eth0", "--bridge", "brlan", "--confirm-within", "60", "--move-mac", "--demo",
                "--yes");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("default route"), r.out());
        assertTrue(r.out().contains("virtwire confirm"), r.out());
        assertTrue(r.out().contains("setsid -f sh -c"), r.out());
    }

    @Test
    void aMalformedValueIsExitCode2AndARefusalByTheHostIs1() {
        CliRun r = run("bridge", "create", "br/x", "--demo", "--yes");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("without spaces, '/' or ':'"), r.err());
        CliRun mode = run("mode", "db1", "nat", "--demo", "--yes");
        assertEquals(1, mode.code());
        assertTrue(mode.err().contains("say which with --nic"), mode.err());
    }

    @Test
    void historyOfAFreshDemoHostIsEmpty() {
        CliRun r = run("history", "--demo", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("[ ]", r.out().strip());
        CliRun undo = run("undo", "--demo");
        assertEquals(1, undo.code());
        assertTrue(undo.err().contains("nothing to undo"), undo.err());
    }


    private CliRun run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--state-dir";
        all[args.length + 1] = state.toString();
        return CliRun.of(all);
    }
}
