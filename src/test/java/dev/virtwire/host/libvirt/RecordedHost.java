package dev.virtwire.host.libvirt;

import dev.virtwire.host.Golden;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.host.kernel.BridgeTables;
import dev.virtwire.host.kernel.KernelFacts;
import dev.virtwire.host.kernel.LinkTable;
import dev.virtwire.host.kernel.Neighbour;
import dev.virtwire.host.kernel.RouteTable;
import dev.virtwire.host.kernel.Sysctls;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A libvirt test-driver host whose kernel and firewall are recorded outputs (the golden captures). */
final class RecordedHost {
    private RecordedHost() {
    }

    static LibvirtHost open(Path nodeFile) {
        return open(nodeFile, LibvirtConnection::new);
    }

    /** As {@link #open(Path)}, with libvirt connections opened by {@code opener}. */
    static LibvirtHost open(Path nodeFile, LibvirtSession.Opener opener) {
        return open(nodeFile, opener, new AtomicInteger());
    }

    /** As {@link #open(Path)}, counting the firewall reads (one in every full read of the host). */
    static LibvirtHost open(Path nodeFile, AtomicInteger firewallReads) {
        return open(nodeFile, LibvirtConnection::new, firewallReads);
    }

    private static LibvirtHost open(Path nodeFile, LibvirtSession.Opener opener, AtomicInteger firewallReads) {
        Path kernel = Golden.RESOURCES.resolve("kernel/netns-capture");
        Path firewall = Golden.RESOURCES.resolve("firewall/iptables-nft");
        KernelFacts facts = new KernelFacts(
                BridgeTables.withPorts(LinkTable.links(Golden.read(kernel.resolve("ip-link.json")),
                        Golden.read(kernel.resolve("ip-addr.json"))), Golden.read(kernel.resolve("bridge-link.json")),
                        Golden.read(kernel.resolve("bridge-vlan.json"))),
                RouteTable.routes(Golden.read(kernel.resolve("ip-route.json"))),
                Sysctls.parse(Golden.read(kernel.resolve("sysctl.txt"))).settings(),
                Neighbour.parse(Golden.read(kernel.resolve("ip-neigh.json"))), List.of(), List.of());
        var fw = new FirewallReader.Reading(FirewallReader.combine(
                Optional.of(Golden.read(firewall.resolve("iptables-version.txt"))),
                Optional.of(Golden.read(firewall.resolve("iptables-save.txt"))),
                Optional.of(Golden.read(firewall.resolve("nft.json"))), true), List.of());
        HostAddress address = new HostAddress("test://" + nodeFile.toAbsolutePath(), new Target.Local());
        return LibvirtHostOpening.open(address, KernelSource.fixed(facts), () -> {
            firewallReads.incrementAndGet();
            return fw;
        },
                new CommandRunner(new Target.Local()), opener);
    }
}
