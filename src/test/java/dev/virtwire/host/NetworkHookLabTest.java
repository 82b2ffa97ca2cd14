package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.lab.InTheLabsTurn;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.PortForward;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtwire's libvirt network hook run for real, as libvirt runs it ({@code sh HOOK NETWORK started begin -}, the
 * network's XML on stdin), with the real nft and iptables in a scratch network namespace (root; no lab): beside
 * libvirt 10's nftables table and beside libvirt 9's iptables chains it puts the saved forward back with its
 * accept ahead of libvirt's reject, once however often it runs, again first after libvirt put its reject ahead
 * (at a guest's port too, as after a libvirtd restart), and does nothing for another network or another
 * operation.
 */
@Tag("lab")
@InTheLabsTurn
class NetworkHookLabTest {
    private static final PortForward WEB = new PortForward("tcp", 8080, "192.168.122.10", 80);
    private static final String LIBVIRT_10 = """
            table ip libvirt_network {
              chain forward {
                type filter hook forward priority filter; policy accept;
                counter jump guest_input
              }
              chain guest_input {
                oifname "virbr0" ip daddr 192.168.122.0/24 ct state related,established counter accept
                oifname "virbr0" counter reject
              }
            }
            """;
    private final String namespace = "vwhook-" + ProcessHandle.current().pid();
    private final CommandRunner local = new CommandRunner(new Target.Local());
    private CommandRunner inside;
    @TempDir
    Path dir;

    @BeforeEach
    void scratchNamespace() {
        requireOk(local.run(List.of("ip", "netns", "add", namespace)));
        inside = new CommandRunner(new Target.Netns(namespace));
    }

    @AfterEach
    void removeIt() {
        local.run(List.of("ip", "netns", "del", namespace));
    }

    @Test
    void besideLibvirt10sTableTheForwardComesBackAheadOfItsRejectOnceAndFirstAgain() throws IOException {
        requireOk(inside.run(List.of("nft", "-f", "-"), LIBVIRT_10));
        Path hook = hook(FirewallBackend.NFTABLES);
        String comment = "comment \"" + WEB.comment() + "\"";

        run(hook, "default", "started");
        List<String> input = rules("nft", "list", "chain", "ip", "libvirt_network", "guest_input");
        assertTrue(input.get(0).contains("ct status dnat accept " + comment), String.join("\n", input));
        List<String> dnat = rules("nft", "list", "chain", "ip", "virtwire", "prerouting");
        assertTrue(dnat.contains("tcp dport 8080 dnat to 192.168.122.10:80 " + comment), String.join("\n", dnat));

        run(hook, "default", "started");
        assertEquals(1, count(rules("nft", "list", "chain", "ip", "libvirt_network", "guest_input"), comment));
        assertEquals(1, count(rules("nft", "list", "chain", "ip", "virtwire", "prerouting"), comment));

        // libvirt's rules made again at the head, as a network restart may make them
        requireOk(inside.run(List.of("nft", "insert", "rule", "ip", "libvirt_network", "guest_input", "oifname",
                "virbr0", "counter", "reject")));
        run(hook, "default", "started");
        input = rules("nft", "list", "chain", "ip", "libvirt_network", "guest_input");
        assertTrue(input.get(0).contains(comment), String.join("\n", input));
        assertEquals(1, count(input, comment));

        String before = inside.run(List.of("nft", "list", "ruleset")).stdout();
        run(hook, "other", "started");
        run(hook, "default", "stopped");
        assertEquals(before, inside.run(List.of("nft", "list", "ruleset")).stdout());
    }

    @Test
    void besideLibvirt9sChainsTheForwardComesBackAtForwardsHeadOnce() throws IOException {
        requireOk(inside.run(List.of("iptables", "-w", "-N", "LIBVIRT_FWI")));
        requireOk(inside.run(List.of("iptables", "-w", "-A", "LIBVIRT_FWI", "-o", "virbr0", "-j", "REJECT")));
        requireOk(inside.run(List.of("iptables", "-w", "-I", "FORWARD", "-j", "LIBVIRT_FWI")));
        Path hook = hook(FirewallBackend.IPTABLES_NFT);

        run(hook, "default", "started");
        run(hook, "default", "started");
        List<String> forward = rules("iptables", "-w", "-S", "FORWARD");
        assertEquals("-A FORWARD -d 192.168.122.10/32 -o virbr0 -p tcp -m tcp --dport 80 -m conntrack --ctstate DNAT "
                + "-m comment --comment \"" + WEB.comment() + "\" -j ACCEPT", forward.get(1), String.join("\n", forward));
        assertEquals("-A FORWARD -j LIBVIRT_FWI", forward.get(2), String.join("\n", forward));
        assertEquals(1, count(forward, WEB.comment()));
        List<String> nat = rules("iptables", "-w", "-t", "nat", "-S", "PREROUTING");
        assertEquals(1, count(nat, "-j DNAT --to-destination 192.168.122.10:80"), String.join("\n", nat));

        // libvirtd's start puts its missing jump back at FORWARD's head, then runs the hook for each guest's port
        requireOk(inside.run(List.of("iptables", "-w", "-D", "FORWARD", "-j", "LIBVIRT_FWI")));
        requireOk(inside.run(List.of("iptables", "-w", "-I", "FORWARD", "-j", "LIBVIRT_FWI")));
        run(hook, "default", "port-created");
        forward = rules("iptables", "-w", "-S", "FORWARD");
        assertTrue(forward.get(1).contains(WEB.comment()), String.join("\n", forward));
        assertEquals("-A FORWARD -j LIBVIRT_FWI", forward.get(2), String.join("\n", forward));
        assertEquals(1, count(forward, WEB.comment()));

        String before = inside.run(List.of("iptables-save")).stdout().replaceAll("(?m)^#.*\n", "");
        run(hook, "other", "started");
        assertEquals(before, inside.run(List.of("iptables-save")).stdout().replaceAll("(?m)^#.*\n", ""));
    }

    private Path hook(FirewallBackend backend) throws IOException {
        Path file = dir.resolve("virtwire");
        Files.writeString(file, NetworkHook.file(List.of(new NetworkHook.Saved(backend, "default", "virbr0", WEB, "")),
                List.of()).text());
        return file;
    }

    /** As libvirt runs it: the network, the operation, its sub-operation, "-", and the network's XML on stdin. */
    private void run(Path hook, String network, String operation) {
        CommandResult r = inside.run(List.of("sh", hook.toString(), network, operation,
                operation.equals("stopped") ? "end" : "begin", "-"), "<network><name>" + network + "</name></network>\n");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("", r.stderr(), "the hook said something went wrong");
    }

    private List<String> rules(String... argv) {
        CommandResult r = inside.run(List.of(argv));
        requireOk(r);
        return r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("table")
                && !l.startsWith("chain") && !l.startsWith("type") && !l.equals("}") && !l.startsWith("-P")
                || l.startsWith("-P")).toList();
    }

    private static long count(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    private static void requireOk(CommandResult r) {
        assertTrue(r.ok(), () -> String.join(" ", r.argv()) + ": " + r.stderr());
    }
}
