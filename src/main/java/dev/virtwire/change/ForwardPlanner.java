package dev.virtwire.change;

import dev.virtwire.change.op.NetworkHookOp;
import dev.virtwire.change.op.NftablesConfOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.PortForwardAcceptOp;
import dev.virtwire.change.op.PortForwardOp;
import dev.virtwire.change.op.RulesV4Op;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.NftablesConfBlock;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.host.RulesV4Blocks;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.PortForwardAccept;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans port forwards to guests behind NAT: the forward's own rules, and where a native nftables table drops
 * the guest's bridge, the forward's accept in it too (without it the forward reaches nothing).
 */
final class ForwardPlanner {
    private final HostSnapshot s;
    private final HostReader host;

    ForwardPlanner(HostSnapshot snapshot, HostReader host) {
        this.s = snapshot;
        this.host = host;
    }

    Plan add(FirewallIntent.AddPortForward i) {
        PortForward f = forward(i.protocol(), i.hostPort(), i.guestIp(), i.guestPort());
        boolean firewalld = s.firewall().runs(FirewallTool.FIREWALLD);
        if (!i.zone().isEmpty() && !firewalld) {
            throw new ChangeRefused("--zone names a firewalld zone, and this host runs no firewalld (its firewall: "
                    + s.firewall().backend().json() + "): leave --zone out");
        }
        if (!i.from().isEmpty()) {
            FirewalldForwardPorts.whyNotASource(i.from()).ifPresent(why -> {
                throw new ChangeRefused(why);
            });
        }
        String from = PortForward.source(i.from());
        FirewallBackend backend = backend();
        PortForward.in(s.firewall()).stream().filter(x -> x.protocol().equals(f.protocol()) && x.hostPort() == f.hostPort())
                .findFirst().ifPresent(x -> {
                    throw new ChangeRefused("host port " + f.hostPort() + "/" + f.protocol() + " is forwarded already ("
                            + x.describe() + "): remove that forward first");
                });
        Ipv4 guest = Ipv4.parse(f.guestIp());
        VirtualNetwork network = s.networks().stream().filter(n -> n.mode() == NetworkMode.NAT && n.active())
                .filter(n -> n.ips().stream().anyMatch(ip -> Ipv4.parse(ip.address()).contains(guest))).findFirst()
                .orElseThrow(() -> new ChangeRefused(f.guestIp() + " is in no active NAT network's subnet ("
                        + String.join(", ", s.networks().stream().filter(n -> n.mode() == NetworkMode.NAT)
                        .flatMap(n -> n.ips().stream().map(NetworkIp::address)).toList())
                        + "): forwards go to guests behind NAT; bridged guests are reachable directly"));
        boolean hostsOwn = network.ips().stream().anyMatch(ip -> Ipv4.parse(ip.address()).address() == guest.address());
        if (hostsOwn) {
            throw new ChangeRefused(f.guestIp() + " is the host's own address on " + network.name() + ": give a guest's");
        }
        String bridge = network.bridge().orElseThrow(() -> new ChangeRefused("network " + network.name()
                + " has no bridge"));
        if (firewalld) {
            return new Plan(i, i.describe(), new FirewalldForwardPlanner(s, host).add(f, bridge, i.zone(), i.from()));
        }
        Optional<String> rulesV4 = savableRulesV4(backend);
        Optional<NetworkHookOp> hook = rulesV4.isPresent() ? Optional.empty()
                : new ForwardHooks(host).saving(backend, network.name(), bridge, f, from);
        List<Operation> ops = new ArrayList<>(List.of(new PortForwardOp(f, bridge, backend, true,
                ownTableHoldsOnly(f), PortForwardRules.ACCEPT_CHAIN, rulesV4.isPresent() || hook.isPresent(), from)));
        rulesV4.ifPresent(text -> ops.add(new RulesV4Op(f, text, RulesV4Blocks.with(text, f, bridge, from))));
        hook.ifPresent(ops::add);
        ops.addAll(nativeAccepts(f, bridge, from));
        return new Plan(i, i.describe(), ops);
    }

    Plan remove(FirewallIntent.RemovePortForward i) {
        PortForward f = forward(i.protocol(), i.hostPort(), i.guestIp(), i.guestPort());
        if (s.firewall().runs(FirewallTool.FIREWALLD)) {
            Optional<List<Operation>> firewalld = new FirewalldForwardPlanner(s, host).remove(f);
            if (firewalld.isPresent()) {
                return new Plan(i, i.describe(), firewalld.get());
            }
        }
        FirewallBackend backend = backend();
        List<PortForward> existing = PortForward.in(s.firewall());
        if (!existing.contains(f)) {
            throw new ChangeRefused("there is no port forward " + f.describe() + "; forwards: " + (existing.isEmpty()
                    ? "none" : existing.stream().map(PortForward::describe).toList()));
        }
        String bridge = s.firewall().rules().stream().filter(r -> r.comment().filter(f.comment()::equals).isPresent())
                .flatMap(r -> r.outInterface().stream()).findFirst().orElse("?");
        List<Operation> ops = new ArrayList<>();
        // the file first, so that a failure part-way leaves no saved forward that is not running
        s.firewall().rulesV4().filter(text -> RulesV4Blocks.saves(text, f))
                .ifPresent(text -> ops.add(new RulesV4Op(f, text, RulesV4Blocks.without(text, f, bridge))));
        new ForwardHooks(host).unsaving(f).ifPresent(ops::add);
        // taken out as it runs: with the source its rules match, whoever limited it
        ops.add(new PortForwardOp(f, bridge, backend, false, ownTableHoldsOnly(f),
                PortForwardRules.acceptChainOf(s.firewall(), f), false, PortForward.sourceOf(s.firewall(), f)));
        for (Operation op : nativeAcceptsRemoved(f, bridge)) {
            // the saved files first, as above
            ops.add(op instanceof NftablesConfOp ? 0 : ops.size(), op);
        }
        return new Plan(i, i.describe(), ops);
    }

    /**
     * The forward's accept in each native nftables table whose forward chain drops its bridge (new DNATed
     * connections into the bridge would be dropped there), saved where /etc/nftables.conf declares the table.
     */
    private List<Operation> nativeAccepts(PortForward f, String bridge, String from) {
        Optional<String> conf = s.firewall().nftablesConf();
        String after = conf.orElse("");
        List<Operation> ops = new ArrayList<>();
        for (ForwardAccept dropping : new NftDrops(s.firewall()).nativeChainsDropping(bridge)) {
            PortForwardAccept a = new PortForwardAccept(f, bridge, dropping.table(), dropping.chain(), from);
            boolean saved = conf.isPresent() && NftablesConfBlock.declares(after, a.table());
            if (saved) {
                for (List<String> command : PortForwardRules.nativeAcceptCommands(a)) {
                    after = NftablesConfBlock.withLine(after, command);
                }
            }
            ops.add(new PortForwardAcceptOp(a, true, saved));
        }
        if (conf.isPresent() && !after.equals(conf.get())) {
            ops.add(new NftablesConfOp(bridge, conf.get(), after));
        }
        return ops;
    }

    /** The forward's native accepts deleted, and taken out of /etc/nftables.conf first where it saves them. */
    private List<Operation> nativeAcceptsRemoved(PortForward f, String bridge) {
        Optional<String> conf = s.firewall().nftablesConf();
        String after = conf.orElse("");
        List<Operation> ops = new ArrayList<>();
        for (PortForwardAccept a : PortForwardAccept.in(s.firewall())) {
            if (!a.forward().equals(f)) {
                continue;
            }
            boolean saved = conf.isPresent() && NftablesConfBlock.savesComment(after, a.comment());
            if (saved) {
                after = NftablesConfBlock.withoutComment(after, a.comment());
            }
            ops.add(new PortForwardAcceptOp(a, false, saved));
        }
        if (conf.isPresent() && !after.equals(conf.get())) {
            ops.add(new NftablesConfOp(bridge, conf.get(), after));
        }
        return ops;
    }

    /** iptables-persistent's file, where it can save a forward that works after a boot. */
    private Optional<String> savableRulesV4(FirewallBackend backend) {
        return s.firewall().rulesV4().filter(text -> backend.iptables())
                .filter(text -> RulesV4Blocks.whyNotSaved(text).isEmpty());
    }

    /**
     * Whether Virtwire's own nftables table holds nothing but this forward's rules (or is not there): then the
     * forward's removal takes the table away too, and undo leaves the ruleset as it was.
     */
    private boolean ownTableHoldsOnly(PortForward f) {
        String own = "ip " + PortForwardRules.NFT_TABLE;
        return s.firewall().rules().stream().filter(r -> r.table().equals(own))
                .allMatch(r -> r.comment().filter(f.comment()::equals).isPresent())
                && s.firewall().chains().stream().noneMatch(c -> c.table().equals(own) && !c.name().equals("prerouting"));
    }

    private FirewallBackend backend() {
        FirewallBackend b = s.firewall().backend();
        if (b != FirewallBackend.NFTABLES && b != FirewallBackend.IPTABLES_NFT && b != FirewallBackend.IPTABLES_LEGACY) {
            throw new ChangeRefused("the host's firewall backend is " + b.json() + ": port forwards need nftables or "
                    + "iptables (Debian packages nftables or iptables)");
        }
        return b;
    }

    private static PortForward forward(String protocol, int hostPort, String guestIp, int guestPort) {
        Input.port(hostPort, "host port");
        Input.port(guestPort, "guest port");
        Input.address(guestIp, "the guest's address");
        try {
            return new PortForward(protocol, hostPort, guestIp, guestPort);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused(e.getMessage());
        }
    }
}
