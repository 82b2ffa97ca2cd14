package dev.virtwire.change;

import dev.virtwire.change.op.FirewalldAcceptOp;
import dev.virtwire.change.op.FirewalldForwardPortOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.FirewalldCommands;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.PortForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Port forwards on a host whose firewalld runs, as firewalld makes them: a forward port in the zone the LAN's
 * packets come in by (the uplink's zone, or the one the user names), and where libvirt's iptables rules reject
 * new connections into the guest's NAT network, the forward's accept ahead of them through firewalld's direct
 * rules. Both at run time and --permanent: firewalld makes them again after a reload and at boot. The files
 * firewall-cmd --permanent rewrites are kept first, so that undo leaves /etc/firewalld as it was.
 */
final class FirewalldForwardPlanner {
    private final HostSnapshot s;
    private final HostReader host;

    FirewalldForwardPlanner(HostSnapshot snapshot, HostReader host) {
        this.s = snapshot;
        this.host = host;
    }

    /**
     * @param bridge the guest's NAT network's bridge
     * @param from   only for connections from these addresses (a rich rule); "" for everyone (a forward port)
     */
    List<Operation> add(PortForward f, String bridge, String askedZone, String from) {
        String zone = zone(askedZone);
        FirewalldForwardPorts.in(s.firewall()).stream().filter(x -> x.forward().protocol().equals(f.protocol())
                && x.forward().hostPort() == f.hostPort() && x.zone().equals(zone)).findFirst().ifPresent(x -> {
                    throw new ChangeRefused("firewalld's " + zone + " zone forwards host port " + f.hostPort() + "/"
                            + f.protocol() + " already (" + x.forward().describe() + "): remove that forward first");
                });
        List<Operation> ops = new ArrayList<>(List.of(new FirewalldForwardPortOp(f, zone, true, from)));
        if (libvirtRejectsInIptables()) {
            ops.add(new FirewalldAcceptOp(f, bridge, true, acceptsOfOthers(f).isEmpty()));
        } else if (s.firewall().rules().stream().anyMatch(r -> r.table().equals("ip libvirt_network"))) {
            throw new ChangeRefused("libvirt's own nftables table (libvirt 10 or later) rejects new connections into "
                    + bridge + " and firewalld cannot keep an accept in it (libvirt makes the table anew whenever the "
                    + "network starts): forward with libvirt's iptables rules (firewall_backend = \"iptables\" in "
                    + "/etc/libvirt/network.conf), or reach the guest on a bridged network");
        }
        return kept(f, zone, ops);
    }

    /** The forward's steps undone, its accept first; empty when firewalld does not forward it. */
    Optional<List<Operation>> remove(PortForward f) {
        Optional<FirewalldForwardPorts.Found> found = FirewalldForwardPorts.in(s.firewall()).stream()
                .filter(x -> x.forward().equals(f)).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<Operation> ops = new ArrayList<>();
        ownAccept(f).ifPresent(accept -> ops.add(new FirewalldAcceptOp(f, accept.outInterface().orElseThrow(), false,
                acceptsOfOthers(f).isEmpty())));
        ops.add(new FirewalldForwardPortOp(f, found.get().zone(), false, found.get().from()));
        return Optional.of(kept(f, found.get().zone(), ops));
    }

    /** The steps with firewalld's files they rewrite kept first (the zone's; the direct rules' with an accept). */
    private List<Operation> kept(PortForward f, String zone, List<Operation> ops) {
        boolean direct = ops.stream().anyMatch(FirewalldAcceptOp.class::isInstance);
        return SavedFiles.firewalldKept(host, new Id.PortForward(f.comment()), Optional.of(zone), direct, ops);
    }

    /** The zone named (a firewalld zone that gets packets), else the uplink's, else the default zone. */
    private String zone(String asked) {
        List<String> active = FirewalldForwardPorts.activeZones(s.firewall());
        if (!asked.isEmpty()) {
            FirewalldForwardPorts.whyNotAZoneName(asked).ifPresent(why -> {
                throw new ChangeRefused(why);
            });
            if (!active.contains(asked)) {
                throw new ChangeRefused("firewalld's zone " + asked + " gets no packets (no interface nor source in "
                        + "it): a forward port there would never be used; zones that do: " + active);
            }
            return asked;
        }
        String uplink = s.defaultRouteLink().map(Link::name).orElse("");
        return FirewalldForwardPorts.zoneOf(s.firewall(), uplink).orElseThrow(() -> new ChangeRefused(
                "firewalld's table names no zone for incoming packets (no nat_PREROUTING_ZONES rule for " + (uplink
                        .isEmpty() ? "any interface" : uplink) + "): name one with --zone"));
    }

    /** libvirt before 10: its LIBVIRT_FWI chain in iptables' filter table rejects new connections into its NAT networks. */
    private boolean libvirtRejectsInIptables() {
        return s.firewall().rules().stream().anyMatch(r -> r.table().equals("filter")
                && (r.chain().equals(FirewalldCommands.LIBVIRT_FWI) || r.verdict().equals(FirewalldCommands.LIBVIRT_FWI)));
    }

    private Optional<FirewallRule> ownAccept(PortForward f) {
        return accepts().stream().filter(r -> r.comment().filter(f.comment()::equals).isPresent()).findFirst();
    }

    /** Other forwards' accepts at the head of FORWARD: while one is left, libvirt's kept jump stays. */
    private List<FirewallRule> acceptsOfOthers(PortForward f) {
        return accepts().stream().filter(r -> r.comment().filter(f.comment()::equals).isEmpty()).toList();
    }

    private List<FirewallRule> accepts() {
        return FirewalldForwardPorts.accepts(s.firewall());
    }
}
