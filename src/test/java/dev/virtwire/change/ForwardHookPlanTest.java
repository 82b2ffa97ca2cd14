package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.NetworkHookOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.PortForwardOp;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.NetworkHook;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.PortForward;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Port forwards on hosts where nothing else saves them (iptables without iptables-persistent, ufw, libvirt 10's
 * nftables): the plan writes Virtwire's libvirt network hook (a file diff in the preview, made directories
 * named), takes the forward out of it on removal and removes it with the last one; the inverse of each step is
 * the file as it was, byte for byte. A file of another's at the hook's path is never rewritten, and a --netns
 * target (whose libvirtd may read another /etc) saves nothing.
 */
class ForwardHookPlanTest {
    private static final FirewallIntent.AddPortForward ADD = new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80);
    private static final PortForward WEB = new PortForward("tcp", 8080, "192.168.122.10", 80);
    private static final PortForward SSH = new PortForward("tcp", 2222, "192.168.122.11", 22);

    @Test
    void theFirstForwardWritesTheHookAndMakesItsDirectoriesWhichItsInverseTakesAway() {
        Files host = new Files(snapshot(FirewallBackend.IPTABLES_NFT), true, Optional.empty(), false);
        Plan plan = new ForwardPlanner(host.snapshot(), host).add(ADD);
        assertEquals(List.of(PortForwardOp.class, NetworkHookOp.class),
                plan.operations().stream().map(Object::getClass).toList(), plan.commands().toString());
        assertTrue(plan.operations().get(0).describe().contains("saved too"), plan.operations().get(0).describe());
        NetworkHookOp hook = (NetworkHookOp) plan.operations().get(1);
        assertTrue(hook.describe().contains("looks for hooks when it starts"), hook.describe());
        assertEquals(NetworkHook.DIRS, hook.dirs());
        String text = hook.after().orElseThrow().text();
        assertEquals(List.of(new NetworkHook.Saved(FirewallBackend.IPTABLES_NFT, "default", "virbr0", WEB, "")),
                NetworkHook.saved(text));
        assertEquals("755", hook.after().orElseThrow().mode());
        List<String> commands = plan.commands();
        assertTrue(commands.contains("mkdir -p -m 755 -- /etc/libvirt/hooks"), commands.toString());
        assertTrue(commands.contains("mkdir -p -m 755 -- /etc/libvirt/hooks/network.d"), commands.toString());
        assertTrue(commands.contains("mv -f /etc/libvirt/hooks/network.d/.virtwire.virtwire-new "
                + "/etc/libvirt/hooks/network.d/virtwire"), commands.toString());
        assertTrue(String.join("\n", hook.preview())
                .contains("+case \"$2\" in started | port-created) ;; *) exit 0 ;; esac"), String.join("\n", hook.preview()));

        Operation undo = hook.inverse();
        assertEquals(List.of("rm -f -- /etc/libvirt/hooks/network.d/virtwire",
                        "rmdir --ignore-fail-on-non-empty -- /etc/libvirt/hooks/network.d",
                        "rmdir --ignore-fail-on-non-empty -- /etc/libvirt/hooks"),
                undo.commands().stream().map(c -> String.join(" ", ((HostCommand.Run) c).argv())).toList());
    }

    @Test
    void aForwardForOneSourceIsSavedWithItsSourceSoThatTheBootPutsItBackForThatSourceOnly() {
        FirewallIntent.AddPortForward fromLan = new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80,
                "", "10.77.0.0/24");
        for (FirewallBackend backend : List.of(FirewallBackend.IPTABLES_NFT, FirewallBackend.NFTABLES)) {
            Files host = new Files(snapshot(backend), true, Optional.empty(), false);
            NetworkHookOp hook = (NetworkHookOp) new ForwardPlanner(host.snapshot(), host).add(fromLan).operations()
                    .stream().filter(NetworkHookOp.class::isInstance).findFirst().orElseThrow();
            String text = hook.after().orElseThrow().text();
            assertEquals(List.of(new NetworkHook.Saved(backend, "default", "virbr0", WEB, "10.77.0.0/24")),
                    NetworkHook.saved(text), "read back with its source: " + text);
            String match = backend == FirewallBackend.NFTABLES ? "ip saddr 10.77.0.0/24" : "-s 10.77.0.0/24";
            long dnatAndAccept = text.lines().filter(l -> !l.startsWith("#") && l.contains(match)).count();
            assertTrue(dnatAndAccept >= 2, backend + ": the DNAT and the accept match the source only:\n" + text);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new NetworkHook.Saved(FirewallBackend.IPTABLES_NFT, "default", "virbr0", WEB, "10.0.0.0/24;x"));
    }

    @Test
    void aSecondForwardIsAddedToTheHookWhichKeepsItsModeOwnerAndMadeDirectories() {
        ConfigFile one = NetworkHook.file(List.of(new NetworkHook.Saved(FirewallBackend.NFTABLES, "default", "virbr0",
                SSH, "")), List.of(NetworkHook.DIR)).withModeAndOwnerOf(new ConfigFile("/x", "", "750", "root", "adm"));
        Files host = new Files(snapshot(FirewallBackend.NFTABLES), true, Optional.of(one), true);
        NetworkHookOp hook = (NetworkHookOp) new ForwardPlanner(host.snapshot(), host).add(ADD).operations().stream()
                .filter(NetworkHookOp.class::isInstance).findFirst().orElseThrow();
        ConfigFile after = hook.after().orElseThrow();
        assertEquals(List.of(SSH, WEB), NetworkHook.saved(after.text()).stream().map(NetworkHook.Saved::forward).toList());
        assertEquals(List.of(NetworkHook.DIR), NetworkHook.made(after.text()));
        assertEquals("750:root:adm", after.mode() + ":" + after.owner() + ":" + after.group());
        assertEquals(Optional.of(one), hook.inverse() instanceof NetworkHookOp back ? back.after() : Optional.empty(),
                "undo writes the hook back byte for byte");
        assertTrue(!hook.describe().contains("looks for hooks"), "an existing hook is read already: " + hook.describe());
    }

    @Test
    void removingTheLastForwardRemovesTheHookAndTheDirectoriesItMade() {
        ConfigFile one = NetworkHook.file(List.of(new NetworkHook.Saved(FirewallBackend.IPTABLES_NFT, "default",
                "virbr0", WEB, "")), NetworkHook.DIRS);
        Files host = new Files(withForward(snapshot(FirewallBackend.IPTABLES_NFT)), true, Optional.of(one), true);
        Plan remove = new ForwardPlanner(host.snapshot(), host).remove(
                new FirewallIntent.RemovePortForward("tcp", 8080, "192.168.122.10", 80));
        assertEquals(List.of(NetworkHookOp.class, PortForwardOp.class),
                remove.operations().stream().map(Object::getClass).toList(), remove.commands().toString());
        NetworkHookOp hook = (NetworkHookOp) remove.operations().get(0);
        assertEquals(Optional.empty(), hook.after());
        assertTrue(remove.commands().contains("rmdir --ignore-fail-on-non-empty -- /etc/libvirt/hooks"),
                remove.commands().toString());
        NetworkHookOp back = (NetworkHookOp) hook.inverse();
        assertEquals(Optional.of(one), back.after());
        assertTrue(back.commands().stream().anyMatch(c -> ((HostCommand.Run) c).argv().equals(List.of("mkdir", "-p", "-m", "755", "--",
                "/etc/libvirt/hooks"))), back.commands().toString());
    }

    @Test
    void theStepIsKeptInTheJournalAsItWasPlanned() throws Exception {
        Files host = new Files(snapshot(FirewallBackend.NFTABLES), true, Optional.empty(), false);
        Operation hook = new ForwardPlanner(host.snapshot(), host).add(ADD).operations().get(1);
        String json = JournalJson.MAPPER.writeValueAsString(hook);
        assertTrue(json.contains("\"libvirt-network-hook\""), json);
        assertEquals(hook, JournalJson.MAPPER.readValue(json, Operation.class));
    }

    @Test
    void anotherProgramsFileAtTheHooksPathIsNeverRewritten() {
        ConfigFile theirs = new ConfigFile(NetworkHook.PATH, "#!/bin/sh\nexit 0\n", "755", "root", "root");
        Files host = new Files(snapshot(FirewallBackend.IPTABLES_NFT), true, Optional.of(theirs), true);
        ChangeRefused refused = assertThrows(ChangeRefused.class,
                () -> new ForwardPlanner(host.snapshot(), host).add(ADD));
        assertTrue(refused.getMessage().contains(NetworkHook.PATH + " is there and Virtwire did not write it"),
                refused.getMessage());
    }

    @Test
    void aNetnsTargetSavesNothingAndSaysTheForwardIsGoneAfterAReboot() {
        Files host = new Files(snapshot(FirewallBackend.IPTABLES_NFT), false, Optional.empty(), false);
        Plan plan = new ForwardPlanner(host.snapshot(), host).add(ADD);
        assertEquals(List.of(PortForwardOp.class), plan.operations().stream().map(Object::getClass).toList());
        assertTrue(plan.operations().get(0).describe().contains("not saved: gone after reboot"),
                plan.operations().get(0).describe());
    }

    @Test
    void aBadNetworkOrBridgeNameIsNotWrittenIntoTheHook() {
        PortForward f = WEB;
        assertThrows(IllegalArgumentException.class,
                () -> new NetworkHook.Saved(FirewallBackend.IPTABLES_NFT, "a'b", "virbr0", f, ""));
        assertThrows(IllegalArgumentException.class,
                () -> new NetworkHook.Saved(FirewallBackend.IPTABLES_NFT, "default", "vir br0", f, ""));
        assertThrows(IllegalArgumentException.class,
                () -> new NetworkHook.Saved(FirewallBackend.IPTABLES_NFT, "default", "$(reboot)", f, ""));
    }

    private static HostSnapshot snapshot(FirewallBackend backend) {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        FirewallState fw = demo.firewall();
        return demo.withFirewall(new FirewallState(backend, Map.of("filter/FORWARD", "ACCEPT"), List.of(), List.of(),
                List.of(), Optional.empty(), Optional.empty(), fw.ipv6()));
    }

    private static HostSnapshot withForward(HostSnapshot s) {
        FirewallState fw = s.firewall();
        return s.withFirewall(new FirewallState(fw.backend(), fw.policies(),
                dev.virtwire.host.PortForwardRules.rules(fw.backend(), WEB, "virbr0"), List.of(), List.of(),
                Optional.empty(), Optional.empty(), fw.ipv6()));
    }

    /** A host that keeps files: the hook as it is, and whether the hook's directories are there. */
    private record Files(HostSnapshot snapshot, boolean writesLibvirtsFiles, Optional<ConfigFile> hook,
                         boolean dirsThere) implements HostReader {
        @Override
        public boolean changesSavedConfig() {
            return true;
        }

        @Override
        public Optional<ConfigFile> savedFile(String path) {
            return path.equals(NetworkHook.PATH) ? hook : Optional.empty();
        }

        @Override
        public boolean savedDirectoryExists(String path) {
            return dirsThere;
        }

        @Override
        public AutoCloseable watch(Consumer<HostChange> listener) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }
}
