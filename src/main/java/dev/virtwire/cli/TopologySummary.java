package dev.virtwire.cli;

import dev.virtwire.model.BandwidthLimit;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.Portgroup;
import dev.virtwire.model.VirtualNetwork;
import java.util.Optional;
import java.util.stream.Collectors;

/** The topology as a few aligned lines a person reads in a terminal. */
final class TopologySummary {
    private TopologySummary() {
    }

    static String of(HostSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("Host ").append(s.host().name()).append("  (").append(s.host().uri())
                .append(s.host().libvirtVersion().map(v -> ", libvirt " + v).orElse("")).append(")\n");
        out.append("\nLinks\n");
        for (Link l : s.links()) {
            if (l.kind() == LinkKind.LOOPBACK) {
                continue;
            }
            out.append(String.format("  %-14s %-9s %-5s %-10s %s%n", l.name(), l.kind().json(), l.isUp() ? "up" : "down",
                    l.master().map(m -> "-> " + m).orElse(""), String.join(" ", l.addresses())));
        }
        out.append("\nNetworks\n");
        for (VirtualNetwork n : s.networks()) {
            out.append(String.format("  %-14s %-9s %-8s %-8s %s%s%n", n.name(), n.mode().json(),
                    n.active() ? "active" : "inactive", n.bridge().orElse(String.join(",", n.devices())),
                    n.ips().stream().map(NetworkIp::address).collect(Collectors.joining(" ")), extras(n)));
        }
        out.append("\nGuests\n");
        for (Guest g : s.guests()) {
            out.append(String.format("  %-14s %s%n", g.name(), g.state().json()));
            for (GuestNic nic : g.nics()) {
                out.append(String.format("    %s  %-7s %-12s %-9s %-4s %s%n", nic.mac(), nic.type().json(),
                        nic.source().orElse("?"), nic.target().orElse(""), nic.linkUp() ? "" : "DOWN",
                        nic.addresses().stream().map(GuestAddress::ip).collect(Collectors.joining(" "))));
            }
        }
        return out.toString();
    }

    /** MTU, shaping averages (KiB/s) and portgroups ("*" marks the default one), only when the network has them. */
    private static String extras(VirtualNetwork n) {
        StringBuilder out = new StringBuilder();
        n.mtu().ifPresent(m -> out.append("  mtu ").append(m));
        n.bandwidth().ifPresent(b -> out.append("  shaped").append(average(" in ", b.inbound()))
                .append(average(" out ", b.outbound())));
        if (!n.portgroups().isEmpty()) {
            out.append("  portgroups ").append(n.portgroups().stream().map(TopologySummary::portgroup)
                    .collect(Collectors.joining(", ")));
        }
        return out.toString();
    }

    private static String average(String label, Optional<BandwidthLimit> limit) {
        return limit.flatMap(l -> l.average().isPresent() ? Optional.of(l.average().getAsLong()) : Optional.empty())
                .map(a -> label + a + " KiB/s").orElse("");
    }

    private static String portgroup(Portgroup p) {
        return p.name() + (p.isDefault() ? "*" : "") + (p.vlanTags().isEmpty() ? "" : " vlan "
                + p.vlanTags().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
}
