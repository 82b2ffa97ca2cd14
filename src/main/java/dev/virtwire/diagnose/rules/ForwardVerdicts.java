package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Situation;
import dev.virtwire.diagnose.rules.FirewallWalk.Outcome;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldChains;
import dev.virtwire.model.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What every forwarding chain decides about the guest's first packet: the base FORWARD chains with their
 * policies, and chains of tables that list no policy (libvirt's own nftables table), rule by rule.
 */
final class ForwardVerdicts {
    private static final Set<String> NOT_FORWARDING = Set.of("INPUT", "OUTPUT", "PREROUTING", "POSTROUTING");

    /** @param ipv6 whether it is the IPv6 filter's, whose counters are read again from the IPv6 view */
    record Verdict(String table, Outcome outcome, boolean ipv6) {
        /**
         * The rule or policy, with what its counter moved while Virtwire probed; on firewalld also the zone or
         * policy and the rich rule that made the rule (firewalld's table names neither in words).
         */
        String evidence(Situation s) {
            String rule = outcome.evidence(table, s.firewallAfterProbes().map(f -> ipv6 ? f.ipv6View() : f));
            return rule + outcome.rule().flatMap(r -> FirewalldChains.decidedBy(s.snapshot().firewall(), r))
                    .map(by -> " — " + by).orElse("");
        }

        boolean byDocker() {
            return outcome.chain().startsWith("DOCKER") || byDockerNftables()
                    || outcome.rule().map(r -> r.chain().startsWith("DOCKER")).orElse(false);
        }

        /** Decided in Docker 29's own nftables tables ({@code ip docker-bridges}), which have no DOCKER-USER. */
        boolean byDockerNftables() {
            return table.endsWith(" docker-bridges");
        }
    }

    private ForwardVerdicts() {
    }

    /**
     * Where the host sends the guest's packet out: a link of the host's own (not the uplink nor its bridge) whose
     * network holds the target address (a container's address is behind Docker's bridge), else the guest path's
     * uplink, else the other guest's bridge.
     */
    static Optional<String> outLink(Situation s) {
        Optional<Ipv4> target = s.targetAddress().flatMap(Ipv4::tryParse);
        java.util.Set<String> uplinkSide = new java.util.HashSet<>(s.path().uplinks());
        s.path().uplinks().forEach(u -> s.snapshot().link(u).flatMap(l -> l.master()).ifPresent(uplinkSide::add));
        s.path().bridge().ifPresent(uplinkSide::add);
        Optional<String> holder = target.flatMap(t -> s.snapshot().links().stream()
                .filter(l -> !uplinkSide.contains(l.name()))
                .filter(l -> l.addresses().stream().flatMap(a -> Ipv4.tryParse(a).stream())
                        .anyMatch(a -> a.prefix() < 32 && a.contains(t)))
                .map(l -> l.name()).findFirst());
        return holder.or(() -> s.path().uplinks().stream().findFirst())
                .or(() -> s.otherPath().flatMap(o -> o.bridge()));
    }

    /** The guest's packet leaving by {@code out}, entering the filter at {@code in}. */
    static Packet outbound(Situation s, String in, Optional<String> out) {
        Optional<Ipv4> source = s.guestAddresses().stream().findFirst()
                .or(() -> s.path().subnet().map(net -> net.withAddress(net.network().address() + 2)));
        Optional<Ipv4> destination = s.targetAddress().flatMap(Ipv4::tryParse);
        return Packet.ipv4(in, out, source, destination);
    }

    /** As {@link #outbound}, from an address of the guest's network whatever the guest itself uses. */
    static Packet fromNetwork(Situation s, String in, Optional<String> out) {
        Optional<Ipv4> source = s.path().subnet().map(net -> net.withAddress(net.network().address() + 2))
                .or(() -> s.guestAddresses().stream().findFirst());
        return Packet.ipv4(in, out, source, s.targetAddress().flatMap(Ipv4::tryParse));
    }

    /** Verdicts that stop the packet (DROP or REJECT), in chain order. */
    static List<Verdict> blocking(Situation s, Packet packet) {
        return blocking(s, packet, s.snapshot().firewall());
    }

    /** As above, in this filter (the IPv6 one, seen as {@link FirewallState#ipv6View()}). */
    static List<Verdict> blocking(Situation s, Packet packet, FirewallState firewall) {
        FirewallWalk walk = new FirewallWalk(firewall);
        List<Verdict> out = new ArrayList<>();
        for (String key : walk.forwardChains()) {
            String table = key.substring(0, key.indexOf('/'));
            String chain = key.substring(key.indexOf('/') + 1);
            Outcome outcome = walk.walk(table, chain, packet);
            if (!outcome.passes()) {
                out.add(new Verdict(table, outcome, packet.ipv6()));
            }
        }
        Set<String> walked = new java.util.HashSet<>(walk.forwardChains().stream()
                .map(k -> k.substring(0, k.indexOf('/'))).toList());
        // nftables base chains at the forward hook (firewalld's filter_FORWARD, libvirt 10's forward), from their
        // head: their other chains are reached as the kernel reaches them, never walked alone (firewalld's
        // input chains end in a reject too)
        for (FirewallChain base : firewall.at("forward")) {
            if (walked.contains(base.table()) || !base.table().contains(" ")) {
                continue;
            }
            Outcome outcome = walk.walk(base.table(), base.name(), packet);
            if (!outcome.passes()) {
                out.add(new Verdict(base.table(), outcome, packet.ipv6()));
            }
        }
        firewall.at("forward").forEach(c -> walked.add(c.table()));
        for (FirewallRule first : firstRulePerChain(firewall, walked)) {
            Outcome outcome = walk.walk(first.table(), first.chain(), packet);
            if (outcome.rule().isPresent() && !outcome.passes()) {
                out.add(new Verdict(first.table(), outcome, packet.ipv6()));
            }
        }
        return out;
    }

    /**
     * One rule per forwarding chain of the tables neither walked as FORWARD nor known by their base chains (a
     * snapshot read before chains were), to name the chain, in rule order.
     */
    private static List<FirewallRule> firstRulePerChain(FirewallState firewall, Set<String> tablesWithPolicy) {
        List<FirewallRule> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (FirewallRule rule : firewall.rules()) {
            String chain = rule.chain().toUpperCase(Locale.ROOT);
            boolean forwarding = !NOT_FORWARDING.contains(chain) && !chain.contains("NAT")
                    && !rule.table().toLowerCase(Locale.ROOT).equals("nat");
            if (forwarding && !tablesWithPolicy.contains(rule.table())
                    && seen.add(rule.table() + "/" + rule.chain())) {
                out.add(rule);
            }
        }
        return out;
    }
}
