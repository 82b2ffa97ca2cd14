package dev.virtwire.change;

import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.ForwardAccept;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where on an nftables host a bridge's forwarded traffic is dropped: the base chains at the forward hook whose
 * policy is drop or whose table drops or rejects traffic of that bridge (or of every interface). Each such table
 * needs its own accept: the kernel runs every base chain at a hook, and an accept in one table does not override
 * a drop in another. libvirt's own table rejects only what its networks should not pass (forward-rule-reject
 * says so), Docker's drops only what goes to its own bridges, and Virtwire's own accepts nothing it needs to
 * override.
 */
final class NftDrops {
    private static final Set<String> STOPS = Set.of("DROP", "REJECT");
    private final FirewallState firewall;

    NftDrops(FirewallState firewall) {
        this.firewall = firewall;
    }

    /** One accept per base chain that drops the bridge's traffic, in the kernel's order; refused when none does. */
    List<ForwardAccept> chainsDropping(String bridge) {
        return chainsDropping(bridge, true);
    }

    /**
     * As above; with {@code refuseWhenNone} false an empty list where no chain drops (Docker's own nftables tables
     * drop, and a mark, not an accept, gets past them).
     */
    List<ForwardAccept> chainsDropping(String bridge, boolean refuseWhenNone) {
        List<FirewallChain> dropping = dropping(bridge);
        if (dropping.isEmpty() && refuseWhenNone) {
            throw new ChangeRefused("no nftables base chain at the forward hook drops " + bridge + "'s traffic "
                    + "(libvirt's own table aside): there is nothing for an accept to override; run virtwire "
                    + "diagnose to see what stops the guest");
        }
        Optional<FirewallChain> firewalld = dropping.stream().filter(c -> owner(c) == FirewallTool.FIREWALLD)
                .findFirst();
        if (firewalld.isPresent()) {
            throw new ChangeRefused("firewalld's " + firewalld.get().key() + " drops " + bridge + "'s traffic and "
                    + "firewalld rewrites its table on every reload: let the bridge through firewalld instead, e.g. "
                    + "firewall-cmd --zone=trusted --add-interface=" + bridge + " (and again with --permanent)");
        }
        return accepts(dropping, bridge);
    }

    /**
     * Whether Docker 29's own nftables tables drop forwarded traffic (into its bridges, from what is not published
     * or not theirs): no accept elsewhere overrides that, only the mark of Docker's bridge-accept-fwmark does.
     */
    boolean dockerDrops() {
        return firewall.rules().stream().filter(r -> r.table().endsWith(" docker-bridges"))
                .anyMatch(r -> STOPS.contains(r.verdict().toUpperCase(Locale.ROOT)));
    }

    /** Whether firewalld's table drops or rejects the bridge's forwarded traffic. */
    boolean firewalldDrops(String bridge) {
        return dropping(bridge).stream().anyMatch(c -> owner(c) == FirewallTool.FIREWALLD);
    }

    /**
     * On an iptables host: the native nftables tables (not iptables-nft's own, which the iptables accept
     * covers) that drop the bridge's traffic; none is no refusal there. firewalld's are left to firewalld.
     */
    List<ForwardAccept> nativeChainsDropping(String bridge) {
        return accepts(dropping(bridge).stream().filter(c -> c.table().contains(" "))
                .filter(c -> owner(c) != FirewallTool.FIREWALLD).toList(), bridge);
    }

    private List<FirewallChain> dropping(String bridge) {
        return forwardChains().stream()
                .filter(c -> !c.table().endsWith(" libvirt_network") && !c.table().endsWith(" virtwire"))
                // Docker's own tables drop only what goes to its bridges (by verdict maps Virtwire does not follow)
                .filter(c -> !c.table().substring(c.table().indexOf(' ') + 1).startsWith("docker"))
                .filter(c -> c.policy().equals("DROP") || dropsIn(c.table(), bridge)).toList();
    }

    private static List<ForwardAccept> accepts(List<FirewallChain> chains, String bridge) {
        return chains.stream().map(c -> new ForwardAccept(bridge, c.table(), c.name())).toList();
    }

    /**
     * The base chains at the forward hook; a snapshot saved before chains were read (policies only) gives its
     * chains named "forward" at priority 0.
     */
    private List<FirewallChain> forwardChains() {
        if (!firewall.chains().isEmpty()) {
            return firewall.at("forward");
        }
        return firewall.policies().entrySet().stream().filter(e -> e.getKey().contains(" "))
                .filter(e -> e.getKey().substring(e.getKey().indexOf('/') + 1).equalsIgnoreCase("forward"))
                .map(e -> new FirewallChain(e.getKey().substring(0, e.getKey().indexOf('/')),
                        e.getKey().substring(e.getKey().indexOf('/') + 1), "filter", "forward", 0,
                        e.getValue().toUpperCase(Locale.ROOT)))
                .sorted(java.util.Comparator.comparing(FirewallChain::key)).toList();
    }

    private boolean dropsIn(String table, String bridge) {
        return firewall.rules().stream().filter(r -> r.table().equals(table))
                .filter(r -> STOPS.contains(r.verdict().toUpperCase(Locale.ROOT)))
                .anyMatch(r -> concerns(r, bridge));
    }

    /** A drop for every interface, or for this bridge in either direction. */
    private static boolean concerns(FirewallRule r, String bridge) {
        boolean anyIn = r.inInterface().map(bridge::equals).orElse(true);
        boolean anyOut = r.outInterface().map(bridge::equals).orElse(true);
        return (anyIn && r.outInterface().isEmpty()) || (anyOut && r.inInterface().isEmpty());
    }

    private FirewallTool owner(FirewallChain chain) {
        return chain.table().endsWith(" firewalld") ? FirewallTool.FIREWALLD : FirewallTool.NFTABLES;
    }
}
