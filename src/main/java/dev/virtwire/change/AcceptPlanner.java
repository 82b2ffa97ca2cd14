package dev.virtwire.change;

import dev.virtwire.change.op.ForwardAcceptOp;
import dev.virtwire.host.ForwardAcceptRules;
import dev.virtwire.host.HostException;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import java.util.List;

/** Plans the accept rules that let a bridge's traffic through the host's forward filter. */
final class AcceptPlanner {
    static final String DOCKER_USER = "DOCKER-USER";
    private final HostSnapshot s;

    AcceptPlanner(HostSnapshot snapshot) {
        this.s = snapshot;
    }

    Plan add(Intent.AcceptBridgeTraffic i) {
        Link bridge = bridge(i.bridge());
        requireIptables(bridge.name());
        ForwardAccept.of(s.firewall(), bridge.name()).ifPresent(a -> {
            throw new ChangeRefused("the firewall already lets " + bridge.name() + "'s traffic through (" + a.chain()
                    + ", comment " + a.comment() + ")");
        });
        ForwardAccept accept = new ForwardAccept(bridge.name(), dockerUserChain() ? DOCKER_USER : "FORWARD");
        return new Plan(i, i.describe(), List.of(new ForwardAcceptOp(accept, true)));
    }

    Plan remove(Intent.RemoveBridgeAccept i) {
        String name = Input.link(i.bridge(), "bridge");
        requireIptables(name);
        ForwardAccept accept = ForwardAccept.of(s.firewall(), name).orElseThrow(() -> new ChangeRefused(
                "the firewall has no accept of Virtwire's for " + name + "; bridges let through: "
                        + (ForwardAccept.in(s.firewall()).isEmpty() ? "none"
                        : ForwardAccept.in(s.firewall()).stream().map(ForwardAccept::bridge).toList())));
        return new Plan(i, i.describe(), List.of(new ForwardAcceptOp(accept, false)));
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

    private void requireIptables(String bridge) {
        try {
            ForwardAcceptRules.requireIptables(s.firewall().backend(), bridge);
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
