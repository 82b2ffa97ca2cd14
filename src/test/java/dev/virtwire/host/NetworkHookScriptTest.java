package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.PortForward;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which of libvirt's calls the generated hook acts on, run with {@code sh} as libvirt runs it, with iptables and nft
 * replaced by scripts that only write down their arguments (the firewall commands themselves run for real in
 * NetworkHookLabTest): "started" and "port-created" put the forward back, every other operation and another
 * network leave the firewall alone. "port-created" is libvirt's only call after a libvirtd restart (once per
 * running guest's port), when libvirt makes its own rules again, e.g. after an nftables service's reload flushed
 * the ruleset; a hook that acted on "started" only left the forward out until the network restarted.
 */
class NetworkHookScriptTest {
    private static final PortForward WEB = new PortForward("tcp", 8080, "192.168.122.10", 80);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"started", "port-created"})
    void theForwardGoesBackWhenTheNetworkStartsAndWhenAGuestsPortIsMade(String operation) throws Exception {
        List<String> calls = run(FirewallBackend.IPTABLES_NFT, "default", operation);
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("-w -t nat -A PREROUTING") && c.contains(WEB.comment())),
                () -> operation + ": the DNAT goes back\n" + String.join("\n", calls));
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("-w -t filter -I FORWARD") && c.contains(WEB.comment())),
                () -> operation + ": the accept goes back at FORWARD's head\n" + String.join("\n", calls));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FirewallBackend.class, names = {"NFTABLES", "IPTABLES_NFT"})
    void aGuestsPortPutsTheForwardBackOnEitherBackend(FirewallBackend backend) throws Exception {
        List<String> calls = run(backend, "default", "port-created");
        String tool = backend == FirewallBackend.NFTABLES ? "nft:" : "-w ";
        assertTrue(calls.stream().anyMatch(c -> c.startsWith(tool) && c.contains(WEB.comment())),
                () -> backend + ": " + String.join("\n", calls));
    }

    @Test
    void onAFlushedHostLibvirtsRejectChainAndItsJumpComeBehindTheAccept() throws Exception {
        List<String> calls = run(FirewallBackend.IPTABLES_NFT, "default", "port-created", "-C|-D|-L");
        int chain = calls.indexOf("-w -t filter -N LIBVIRT_FWI");
        int jump = calls.indexOf("-w -t filter -I FORWARD -j LIBVIRT_FWI");
        int accept = indexOf(calls, "-w -t filter -I FORWARD -d");
        assertTrue(chain >= 0 && jump > chain && accept > jump, () -> "LIBVIRT_FWI made, its jump inserted, then the "
                + "accept inserted ahead of it:\n" + String.join("\n", calls));

        List<String> withLibvirts = run(FirewallBackend.IPTABLES_NFT, "default", "port-created", "-C|-D");
        assertTrue(withLibvirts.stream().noneMatch(c -> c.contains("-N LIBVIRT_FWI") || c.contains("-j LIBVIRT_FWI")),
                () -> "libvirt's chain there (its jumps perhaps taken out on purpose): left alone\n"
                        + String.join("\n", withLibvirts));
    }

    @Test
    void otherOperationsAndOtherNetworksLeaveTheFirewallAlone() throws Exception {
        for (String operation : List.of("start", "stopped", "port-deleted", "updated")) {
            assertEquals(List.of(), run(FirewallBackend.IPTABLES_NFT, "default", operation), operation);
        }
        assertEquals(List.of(), run(FirewallBackend.IPTABLES_NFT, "other", "port-created"), "another network");
    }

    /**
     * The hook run as {@code sh HOOK NETWORK OPERATION begin -} with the network's XML on stdin; what iptables (its
     * arguments) and nft ({@code nft:} and its arguments) were asked, in order. The stand-ins find no rule ({@code -C}, {@code -D} and listings fail), as on a flushed host.
     */
    private List<String> run(FirewallBackend backend, String network, String operation)
            throws IOException, InterruptedException {
        return run(backend, network, operation, "-C|-D");
    }

    /** As above, iptables failing for the words in {@code iptablesFails} ({@code -L}: no such chain). */
    private List<String> run(FirewallBackend backend, String network, String operation, String iptablesFails)
            throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("calls-" + backend + "-" + network + "-" + operation);
        Files.deleteIfExists(log);
        standIn(bin.resolve("iptables"), log, "", iptablesFails);
        standIn(bin.resolve("nft"), log, "nft:", "list");
        Path hook = dir.resolve("virtwire");
        Files.writeString(hook, NetworkHook.file(List.of(new NetworkHook.Saved(backend, "default", "virbr0", WEB, "")),
                List.of()).text());
        ProcessBuilder pb = new ProcessBuilder("sh", hook.toString(), network, operation, "begin", "-")
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        p.getOutputStream().write(("<network><name>" + network + "</name></network>\n").getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the hook ends");
        assertEquals(0, p.exitValue(), "the hook always exits 0: " + out);
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static int indexOf(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** A script that writes its arguments (after {@code mark}) to {@code log}, failing for the words in {@code fails}. */
    private static void standIn(Path file, Path log, String mark, String fails) throws IOException {
        Files.writeString(file, "#!/bin/sh\necho \"" + mark + "$*\" >> '" + log + "'\n"
                + "for w in \"$@\"; do case \"$w\" in " + fails + ") exit 1 ;; esac; done\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
