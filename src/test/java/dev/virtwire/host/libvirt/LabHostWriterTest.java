package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.Changes;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.Plan;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkState;
import dev.virtwire.model.NicType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.virtwire.lab.Lab;
import dev.virtwire.lab.LabTest;
import dev.virtwire.lab.LabUpOncePerClass;

/**
 * The five writer methods against the lab's real libvirtd and kernel, each checked by reading the host again
 * (and with virsh/ip where Virtwire's own reading could hide a mistake). Own bridges, network and an
 * OS-less probe guest: the lab's guests are left alone.
 */
@LabTest
@LabUpOncePerClass // each test removes what it made (AfterEach)
class LabHostWriterTest {
    private final LabTools lab;
    private final String tag = "vww" + (ProcessHandle.current().pid() % 10000);
    private final String br1 = tag + "br1";
    private final String br2 = tag + "br2";
    private final String veth = tag + "a";
    private final String network = tag + "-net";
    private final String probe = tag + "-probe";
    private final String mac = String.format("52:54:00:df:%02x:%02x", (ProcessHandle.current().pid() / 256) % 256,
            ProcessHandle.current().pid() % 256);

    LabHostWriterTest(Lab lab) {
        this.lab = new LabTools(lab);
    }

    @BeforeEach
    void setUp() throws Exception {
        CommandRunner ns = lab.inLab();
        for (String br : List.of(br1, br2)) {
            ns.output(List.of("ip", "link", "add", br, "type", "bridge"));
            ns.output(List.of("ip", "link", "set", br, "up"));
        }
        ns.output(List.of("ip", "link", "add", veth, "type", "veth", "peer", "name", tag + "b"));
        define("net-define", "<network><name>" + network + "</name><bridge name='" + tag + "nb'/></network>");
        define("define", "<domain type='qemu'><name>" + probe + "</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64'>hvm</type></os><devices><interface type='bridge'><mac address='" + mac
                + "'/><source bridge='" + br1 + "'/><model type='virtio'/></interface></devices></domain>");
    }

    @AfterEach
    void tearDown() {
        CommandRunner local = new CommandRunner(new Target.Local());
        for (List<String> cmd : List.of(List.of("destroy", probe), List.of("undefine", probe),
                List.of("net-destroy", network), List.of("net-undefine", network))) {
            List<String> argv = new java.util.ArrayList<>(List.of("virsh", "-c", lab.uri()));
            argv.addAll(cmd);
            local.run(argv);
        }
        for (String link : List.of(veth, br1, br2)) {
            lab.inLab().run(List.of("ip", "link", "del", link));
        }
    }

    @Test
    void movesARunningGuestsNicLiveOnlyThenLiveAndSaved() {
        lab.virsh("start", probe);
        try (Host host = Hosts.open(lab.address())) {
            host.guests().attachNic(probe, mac, NicType.BRIDGE, br2, Scope.LIVE);
            HostSnapshot s = host.snapshot();
            assertEquals(Optional.of(br2), nic(s).source());
            assertEquals(Optional.of(br2), nic(s).target().flatMap(s::link).flatMap(l -> l.master()),
                    "the tap follows the NIC");
            assertTrue(s.gaps().stream().anyMatch(g -> g.contains(probe) && g.contains("saved config says bridge "
                    + br1)), "the saved config still has the old bridge: " + s.gaps());
            assertTrue(lab.virsh("dumpxml", "--inactive", probe).contains(br1), "virsh sees the old saved bridge");

            var inactive = assertThrows(HostException.class,
                    () -> host.guests().attachNic(probe, mac, NicType.NETWORK, network, Scope.BOTH));
            assertTrue(inactive.getMessage().startsWith("attaching NIC " + mac + " of " + probe), inactive.getMessage());
            lab.virsh("net-start", network);
            host.guests().attachNic(probe, mac, NicType.NETWORK, network, Scope.BOTH);
            s = host.snapshot();
            assertEquals(List.of("network", network), List.of(nic(s).type().json(), nic(s).source().orElseThrow()));
            assertTrue(s.gaps().stream().noneMatch(g -> g.contains(probe)), s.gaps().toString());
            assertTrue(lab.virsh("dumpxml", "--inactive", probe).contains("network='" + network + "'"));

            host.guests().setNicLink(probe, mac, false, Scope.BOTH);
            assertEquals(false, nic(host.snapshot()).linkUp());
            assertTrue(lab.virsh("dumpxml", probe).contains("<link state='down'/>"));
            host.guests().setNicLink(probe, mac, true, Scope.LIVE);
            assertEquals(true, nic(host.snapshot()).linkUp());
        }
    }

    @Test
    void aShutOffGuestChangesItsSavedConfigOnlyAndRefusesLiveChanges() {
        try (Host host = Hosts.open(lab.address())) {
            host.guests().attachNic(probe, mac, NicType.BRIDGE, br2, Scope.BOTH);
            assertEquals(Optional.of(br2), nic(host.snapshot()).source());
            var live = assertThrows(HostException.class, () -> host.guests().setNicLink(probe, mac, false, Scope.LIVE));
            assertTrue(live.getMessage().contains("is not running"), live.getMessage());
        }
    }

    @Test
    void setsLinksUpDownAndTheirMasterAndStartsAndStopsNetworks() {
        try (Host host = Hosts.open(lab.address())) {
            host.kernel().setLinkMaster(veth, Optional.of(br1));
            assertEquals(Optional.of(br1), host.snapshot().link(veth).orElseThrow().master());
            host.kernel().setLinkMaster(veth, Optional.empty());
            assertEquals(Optional.empty(), host.snapshot().link(veth).orElseThrow().master());
            host.kernel().setLinkUp(br2, false);
            assertEquals(LinkState.DOWN, host.snapshot().link(br2).orElseThrow().state());
            assertTrue(lab.inLab().output(List.of("ip", "-br", "link", "show", br2)).contains("DOWN"));

            host.virtualNetworks().setNetworkActive(network, true);
            HostSnapshot s = host.snapshot();
            assertTrue(s.network(network).orElseThrow().active());
            assertTrue(s.link(tag + "nb").isPresent(), "libvirt made the network's bridge");
            var twice = assertThrows(HostException.class, () -> host.virtualNetworks().setNetworkActive(network, true));
            assertTrue(twice.getMessage().contains("already active"), twice.getMessage());
            host.virtualNetworks().setNetworkActive(network, false);
            assertTrue(!host.snapshot().network(network).orElseThrow().active());
        }
    }

    /** Names libvirt accepts are editable: a running guest named with a blank, '&' and an accent. */
    @Test
    void aGuestNamedWithBlanksAmpersandAndAccentsHasItsNicMovedAndMovedBack(@TempDir Path state) throws Exception {
        String odd = tag + " probe &é";
        String oddMac = mac.substring(0, 15) + "fe";
        define("define", "<domain type='qemu'><name>" + odd.replace("&", "&amp;") + "</name><memory unit='MiB'>32"
                + "</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices><interface type='bridge'>"
                + "<mac address='" + oddMac + "'/><source bridge='" + br1 + "'/><model type='virtio'/></interface>"
                + "</devices></domain>");
        try (Host host = Hosts.open(lab.address()); Changes changes = new Changes(host, lab.address(), state)) {
            lab.virsh("start", odd);
            Plan plan = changes.plan(new GuestIntent.AttachNic(odd, oddMac, NicType.BRIDGE, br2, Scope.BOTH));
            assertEquals(List.of("virsh update-device '" + odd + "' /dev/stdin --live",
                    "virsh update-device '" + odd + "' /dev/stdin --config"), plan.commands().stream()
                    .filter(c -> c.startsWith("virsh")).toList());
            changes.apply(plan);
            assertTrue(lab.virsh("dumpxml", odd).contains("bridge='" + br2 + "'"), "live half moved");
            assertTrue(lab.virsh("dumpxml", "--inactive", odd).contains("bridge='" + br2 + "'"), "saved half moved");
            changes.apply(changes.plan(new GuestIntent.SetNicLink(odd, oddMac, false)));
            assertTrue(lab.virsh("dumpxml", odd).contains("<link state='down'/>"));
            changes.undo();
            changes.undo();
            assertTrue(lab.virsh("dumpxml", odd).contains("bridge='" + br1 + "'"), "undone live");
            assertTrue(lab.virsh("dumpxml", "--inactive", odd).contains("bridge='" + br1 + "'"), "undone saved");
        } finally {
            CommandRunner local = new CommandRunner(new Target.Local());
            local.run(List.of("virsh", "-c", lab.uri(), "destroy", odd));
            local.run(List.of("virsh", "-c", lab.uri(), "undefine", odd));
        }
    }

    private GuestNic nic(HostSnapshot s) {
        return s.guest(probe).flatMap(g -> g.nic(mac)).orElseThrow(() -> new AssertionError(probe + " has no NIC " + mac));
    }

    private void define(String command, String xml) throws Exception {
        Path file = Files.createTempFile("virtwire-lab", ".xml");
        try {
            Files.writeString(file, xml);
            lab.virsh(command, file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
