package dev.virtwire.change;

import dev.virtwire.change.op.DockerAcceptMarkOp;
import dev.virtwire.change.op.FirewalldZoneOp;
import dev.virtwire.change.op.ForwardAcceptOp;
import dev.virtwire.change.op.NftablesConfOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.RulesV4AcceptOp;
import dev.virtwire.change.op.UfwRouteOp;
import dev.virtwire.host.ForwardAcceptRules;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.NftablesConfBlock;
import dev.virtwire.host.RulesV4Blocks;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.FirewalldZones;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.UfwRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plans the accept rules that let a bridge's traffic through the host's forward filter. */
final class AcceptPlanner {
    static final String DOCKER_USER = "DOCKER-USER";
    private final HostSnapshot s;
    private final HostReader host;

    AcceptPlanner(HostSnapshot snapshot, HostReader host) {
        this.s = snapshot;
        this.host = host;
    }

    Plan add(FirewallIntent.AcceptBridgeTraffic i) {
        Link bridge = bridge(i.bridge());
        requireWritable(bridge.name());
        NftDrops nft = new NftDrops(s.firewall());
        DockerMarks docker = new DockerMarks(s.firewall(), bridge.name(), nft.dockerDrops());
        Optional<ForwardAccept> accepted = ForwardAccept.of(s.firewall(), bridge.name());
        if (accepted.isPresent() && docker.needed()) {
            // accepted before Docker went to nftables: only its mark is missing
            return new Plan(i, i.describe(), withSaving(bridge.name(), List.of(), docker.mark()));
        }
        accepted.ifPresent(a -> {
            throw new ChangeRefused("the firewall already lets " + bridge.name() + "'s traffic through ("
                    + a.describe() + ", comment " + a.comment() + ")");
        });
        if (!FirewalldPolicyPlanner.stopping(s.firewall(), bridge.name()).isEmpty()) {
            // a policy stops it, not its zone: the accept goes into that policy
            return new Plan(i, i.describe(), new FirewalldPolicyPlanner(s, host).accept(bridge));
        }
        String zone = FirewalldZones.forBridge(s, bridge.name());
        if (nft.firewalldDrops(bridge.name()) && FirewalldZones.of(s.firewall(), bridge.name())
                .filter(zone::equals).isEmpty()) {
            return new Plan(i, i.describe(), zoneKept(firewalldZone(bridge.name(), zone)));
        }
        List<ForwardAccept> accepts = new ArrayList<>();
        List<Operation> ufw = new ArrayList<>();
        if (s.firewall().backend().iptables() && s.firewall().runs(FirewallTool.UFW) && !dockerUserChain()) {
            // ufw's own route rules, which ufw saves, instead of an iptables accept gone at its next reload
            if (UfwRoutes.allow(s.firewall(), bridge.name())) {
                throw new ChangeRefused("ufw already lets " + bridge.name() + "'s traffic through (ufw route allow in "
                        + "on " + bridge.name() + ", out on " + bridge.name() + "): what stops it is elsewhere (run "
                        + "virtwire diagnose)");
            }
            ufw.add(UfwRouteOp.of(s.firewall(), bridge.name(), true));
            accepts.addAll(nft.nativeChainsDropping(bridge.name()));
        } else if (s.firewall().backend() != FirewallBackend.NFTABLES) {
            // beside Docker 29's nftables tables (libvirt 9's iptables rules, say) an iptables FORWARD that accepts
            // by policy needs no accept: the mark gets past Docker's drop
            boolean iptablesAccepts = s.firewall().policy("filter", "FORWARD").filter("ACCEPT"::equals).isPresent()
                    && !dockerUserChain();
            if (!(docker.mark().isPresent() && iptablesAccepts)) {
                accepts.add(new ForwardAccept(bridge.name(), dockerUserChain() ? DOCKER_USER : "FORWARD"));
            }
            // iptables writes into the kernel's nftables too: a native table that drops (Debian's inet filter
            // of /etc/nftables.conf, say) needs its own accept beside iptables' one
            accepts.addAll(nft.nativeChainsDropping(bridge.name()));
        } else {
            accepts.addAll(nft.chainsDropping(bridge.name(), !docker.needed()));
        }
        if (docker.needed() && accepts.isEmpty() && ufw.isEmpty()) {
            docker.mark().orElseThrow(() -> new ChangeRefused(docker.missing()));
        }
        ufw.addAll(accepts.isEmpty() && docker.mark().isEmpty() ? List.of()
                : withSaving(bridge.name(), accepts, docker.mark()));
        return new Plan(i, i.describe(), ufw);
    }

    /**
     * The accepts (and the mark for Docker's nftables chains), and where /etc/nftables.conf declares a table they go
     * into, the file's Virtwire block saving them there; an iptables accept in FORWARD is saved in
     * iptables-persistent's rules.v4 where that file can keep it (see {@link RulesV4Blocks#whyNotSaved}). Others
     * are not saved: their steps say so. The mark's table is Virtwire's own, which the block makes: saved wherever
     * the file is.
     */
    private List<Operation> withSaving(String bridge, List<ForwardAccept> accepts, Optional<DockerAcceptMarkOp> mark) {
        Optional<String> conf = s.firewall().nftablesConf();
        String after = conf.orElse("");
        Optional<String> rulesV4 = savableRulesV4();
        String v4After = rulesV4.orElse("");
        List<Operation> ops = new ArrayList<>();
        for (ForwardAccept a : accepts) {
            boolean saved = conf.isPresent() && a.nftables() && NftablesConfBlock.declares(after, a.table());
            if (saved) {
                after = NftablesConfBlock.with(after, a);
            } else if (rulesV4.isPresent() && savedInRulesV4(a)) {
                v4After = RulesV4Blocks.withAccept(v4After, a);
                saved = true;
            }
            ops.add(new ForwardAcceptOp(a, true, saved));
        }
        if (rulesV4.isPresent() && !v4After.equals(rulesV4.get())) {
            ops.add(new RulesV4AcceptOp(bridge, rulesV4.get(), v4After));
        }
        if (mark.isPresent()) {
            DockerAcceptMarkOp op = mark.get();
            if (conf.isPresent()) {
                after = DockerMarks.saved(after, op);
            }
            ops.add(new DockerAcceptMarkOp(op.bridge(), op.mark(), true, conf.isPresent(), op.dropChain(),
                    op.dropTable()));
        }
        if (conf.isPresent() && !after.equals(conf.get())) {
            ops.add(new NftablesConfOp(bridge, conf.get(), after));
        }
        return ops;
    }

    /**
     * firewalld rewrites its table on every reload: the bridge goes into a zone that forwards through firewall-cmd
     * instead, when it has no zone of its own (undo then gives it back to the default zone, exactly): libvirt's own
     * zone where firewalld has it (Fedora's, RHEL's: what libvirt would have done), else the trusted zone.
     */
    private FirewalldZoneOp firewalldZone(String bridge, String wanted) {
        Optional<String> zone = FirewalldZones.of(s.firewall(), bridge);
        if (zone.isPresent()) {
            throw new ChangeRefused(bridge + " is in firewalld's " + zone.get() + " zone, which "
                    + (zone.get().equals(wanted) ? "lets its traffic through already: what stops "
                    + "it is elsewhere (run virtwire diagnose)" : "does not let its traffic through: move it with "
                    + "firewall-cmd --zone=" + wanted + " --change-interface=" + bridge + " (and again with "
                    + "--permanent), or let the forwarding through that zone"));
        }
        return new FirewalldZoneOp(bridge, wanted, true);
    }

    /** The zone step with the zone's files kept first, so that undo leaves /etc/firewalld as it was. */
    private List<Operation> zoneKept(FirewalldZoneOp op) {
        return SavedFiles.firewalldKept(host, new Id.BridgeAccept(op.bridge()), Optional.of(op.zone()), false,
                List.of(op));
    }

    Plan remove(FirewallIntent.RemoveBridgeAccept i) {
        String name = Input.link(i.bridge(), "bridge");
        if (ForwardAccept.all(s.firewall(), name).isEmpty()
                && FirewalldZones.of(s.firewall(), name).filter(FirewalldZones.TRUSTED::equals).isPresent()) {
            return new Plan(i, i.describe(), zoneKept(new FirewalldZoneOp(name, FirewalldZones.TRUSTED, false)));
        }
        requireWritable(name);
        List<ForwardAccept> accepts = ForwardAccept.all(s.firewall(), name);
        boolean ufwRoutes = s.firewall().runs(FirewallTool.UFW) && UfwRoutes.allow(s.firewall(), name);
        if (accepts.isEmpty() && ufwRoutes) {
            return new Plan(i, i.describe(), List.of(UfwRouteOp.of(s.firewall(), name, false)));
        }
        Optional<DockerAcceptMarkOp> unmark = DockerMarks.removal(s.firewall(), name);
        if (accepts.isEmpty() && unmark.isEmpty()) {
            throw new ChangeRefused("the firewall has no accept of Virtwire's for " + name + "; bridges let through: "
                    + (ForwardAccept.in(s.firewall()).isEmpty() ? "none"
                    : ForwardAccept.in(s.firewall()).stream().map(ForwardAccept::bridge).distinct().toList()));
        }
        List<Operation> ops = new ArrayList<>();
        Optional<String> conf = s.firewall().nftablesConf();
        String after = conf.orElse("");
        Optional<String> rulesV4 = s.firewall().rulesV4();
        String v4After = rulesV4.orElse("");
        for (ForwardAccept a : accepts) {
            boolean saved = conf.isPresent() && NftablesConfBlock.saves(after, a);
            if (saved) {
                after = NftablesConfBlock.without(after, a);
            } else if (rulesV4.isPresent() && !a.nftables() && RulesV4Blocks.savesAccept(v4After, a)) {
                v4After = RulesV4Blocks.withoutAccept(v4After, a);
                saved = true;
            }
            ops.add(new ForwardAcceptOp(a, false, saved));
        }
        if (rulesV4.isPresent() && !v4After.equals(rulesV4.get())) {
            ops.add(0, new RulesV4AcceptOp(name, rulesV4.get(), v4After));
        }
        if (unmark.isPresent()) {
            after = conf.isPresent() ? DockerMarks.unsaved(after, unmark.get()) : after;
            ops.add(unmark.get());
        }
        if (conf.isPresent() && !after.equals(conf.get())) {
            ops.add(0, new NftablesConfOp(name, conf.get(), after));
        }
        if (ufwRoutes) {
            ops.add(UfwRouteOp.of(s.firewall(), name, false));
        }
        return new Plan(i, i.describe(), ops);
    }

    /** iptables-persistent's rules.v4, where it saves an iptables accept so that it comes first after a boot. */
    private Optional<String> savableRulesV4() {
        return s.firewall().rulesV4().filter(text -> s.firewall().backend().iptables())
                .filter(text -> RulesV4Blocks.whyNotSaved(text).isEmpty());
    }

    /**
     * Only FORWARD's: Docker makes DOCKER-USER when it starts, after iptables-persistent, so a saved rule in it
     * would fail the whole file's iptables-restore at boot.
     */
    private static boolean savedInRulesV4(ForwardAccept a) {
        return !a.nftables() && a.chain().equals("FORWARD");
    }

    private Link bridge(String name) {
        Input.link(name, "bridge");
        Link link = Lookup.named(s.link(name), "link", name, "bridges", new Lookup(s).bridgeNames());
        if (link.kind() != LinkKind.BRIDGE) {
            throw new ChangeRefused(name + " is a " + link.kind().json() + ", not a bridge: name the bridge whose "
                    + "traffic the firewall drops");
        }
        return link;
    }

    private void requireWritable(String bridge) {
        try {
            ForwardAcceptRules.requireWritable(s.firewall().backend(), bridge);
        } catch (HostException e) {
            throw new ChangeRefused(e.getMessage());
        }
    }

    /** Docker's chain for user rules, which it keeps ahead of its own FORWARD rules. */
    private boolean dockerUserChain() {
        return s.firewall().rules().stream().filter(r -> r.table().equals("filter"))
                .anyMatch(r -> r.chain().equals(DOCKER_USER) || r.verdict().equals(DOCKER_USER));
    }
}
