package dev.virtwire.host.sim;

import dev.virtwire.host.DockerAcceptMarkRules;
import dev.virtwire.host.ForwardAcceptRules;
import dev.virtwire.host.HostException;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.PortForward;
import java.util.List;
import java.util.stream.Stream;

/** Port forwards and forward accepts on the simulated host: the same rules a real host's firewall would list afterwards. */
final class SimulatedFirewall {
    private SimulatedFirewall() {
    }

    static HostSnapshot setPortForward(HostSnapshot s, PortForward forward, String from, boolean present) {
        FirewallState fw = s.firewall();
        boolean has = PortForward.in(fw).contains(forward);
        if (present == has) {
            throw new HostException(present ? "the port forward " + forward.describe() + " exists already"
                    : "there is no port forward " + forward.describe());
        }
        List<FirewallRule> rules;
        if (present) {
            String bridge = PortForwardRules.bridgeFor(s, forward.guestIp()).orElseThrow(() -> new HostException(forward.guestIp()
                    + " is in no active network's subnet"));
            rules = Stream.concat(fw.rules().stream(), PortForwardRules.rules(fw.backend(), forward, bridge, from).stream())
                    .toList();
        } else {
            rules = fw.rules().stream().filter(r -> !r.comment().filter(forward.comment()::equals).isPresent()).toList();
        }
        return s.withFirewall(fw.withRules(rules));
    }

    /** The accept rules go to the head of their chain, as {@code iptables -I} puts them. */
    static HostSnapshot setForwardAccept(HostSnapshot s, ForwardAccept accept, boolean present) {
        FirewallState fw = s.firewall();
        ForwardAcceptRules.requireWritable(fw.backend(), accept.bridge());
        if (present == ForwardAccept.in(fw).contains(accept)) {
            throw new HostException(present ? "the firewall already has " + accept.describe()
                    : "the firewall has no " + accept.describe());
        }
        List<FirewallRule> rules = present
                ? Stream.concat(ForwardAcceptRules.rules(accept).stream(), fw.rules().stream()).toList()
                : fw.rules().stream().filter(r -> !(r.table().equals(accept.table())
                        && r.comment().filter(accept.comment()::equals).isPresent())).toList();
        return s.withFirewall(fw.withRules(rules));
    }

    /** Virtwire's marking rule for Docker's nftables chains, with its chain made or (the last one gone) dropped. */
    static HostSnapshot setDockerAcceptMark(HostSnapshot s, DockerAcceptMark mark, boolean present,
                                            boolean dropChain) {
        FirewallState fw = s.firewall();
        if (present == DockerAcceptMark.marks(fw, mark.bridge())) {
            throw new HostException(present ? "the firewall already has a rule to " + mark.describe()
                    : "the firewall has no rule to " + mark.describe());
        }
        FirewallRule rule = DockerAcceptMarkRules.rule(mark);
        List<FirewallRule> rules = present ? Stream.concat(fw.rules().stream(), Stream.of(rule)).toList()
                : fw.rules().stream().filter(r -> !(DockerAcceptMark.isMarkRule(r)
                        && r.comment().equals(rule.comment()))).toList();
        List<dev.virtwire.model.FirewallChain> chains = fw.chains().stream()
                .filter(c -> !c.key().equals(DockerAcceptMarkRules.chain().key())).toList();
        if (present || !dropChain) {
            chains = Stream.concat(chains.stream(), Stream.of(DockerAcceptMarkRules.chain())).toList();
        }
        return s.withFirewall(fw.withRules(rules).withChains(chains));
    }

    /** firewalld's dispatch rule for the link, added at the head of its chain or taken away. */
    static HostSnapshot setFirewalldZone(HostSnapshot s, String link, String zone, boolean present) {
        FirewallState fw = s.firewall();
        boolean in = dev.virtwire.model.FirewalldZones.of(fw, link).filter(zone::equals).isPresent();
        if (present == in) {
            throw new HostException("Error: " + (present ? "ZONE_ALREADY_SET: " : "UNKNOWN_INTERFACE: ") + link);
        }
        FirewallRule rule = dev.virtwire.model.FirewalldZones.dispatch(link, zone);
        List<FirewallRule> rules = present ? Stream.concat(Stream.of(rule), fw.rules().stream()).toList()
                : fw.rules().stream().filter(r -> !(r.table().equals(rule.table()) && r.chain().equals(rule.chain())
                        && r.inInterface().equals(rule.inInterface()) && r.verdict().equals(rule.verdict()))).toList();
        return s.withFirewall(fw.withRules(rules));
    }

    /**
     * ufw's two route rules for the bridge, as ufw treats them: one rule per match, so an allow over the user's deny
     * with that match updates it where it stands (and taking it back makes it a deny again); a new one is appended to
     * its user chain or, ahead, inserted at the chain's head; one taken back is deleted.
     */
    static HostSnapshot setUfwRoute(HostSnapshot s, dev.virtwire.model.UfwRouteChange change) {
        FirewallState fw = s.firewall();
        String bridge = change.bridge();
        if (change.present() == dev.virtwire.model.UfwRoutes.allow(fw, bridge)) {
            throw new HostException(change.present() ? "Skipping adding existing rule"
                    : "Could not delete non-existent rule");
        }
        List<FirewallRule> rules = new java.util.ArrayList<>(fw.rules());
        List<FirewallRule> own = dev.virtwire.model.UfwRoutes.rules(bridge);
        int inserted = 0;
        for (int k = 0; k < own.size(); k++) {
            String direction = k == 0 ? dev.virtwire.model.UfwRouteChange.IN : dev.virtwire.model.UfwRouteChange.OUT;
            FirewallRule mine = own.get(k);
            String verdict = change.present() ? "ACCEPT" : switch (change.before(direction)) {
                case "deny" -> "DROP";
                case "reject" -> "REJECT";
                default -> "";
            };
            int at = indexOfMatch(rules, mine);
            if (at >= 0) {
                if (verdict.isEmpty()) {
                    rules.remove(at);
                } else {
                    FirewallRule r = rules.get(at);
                    rules.set(at, new FirewallRule(r.table(), r.chain(), verdict, r.source(), r.destination(),
                            r.inInterface(), r.outInterface(), r.comment(),
                            r.text().replaceAll(" -j \\S+.*$", " -j " + verdict)));
                }
            } else if (!verdict.isEmpty()) {
                rules.add(change.ahead() ? chainHead(rules) + inserted++ : rules.size(), mine);
            }
        }
        return s.withFirewall(fw.withRules(rules));
    }

    private static int indexOfMatch(List<FirewallRule> rules, FirewallRule own) {
        for (int k = 0; k < rules.size(); k++) {
            FirewallRule r = rules.get(k);
            if (r.table().equals(own.table()) && r.chain().equals(own.chain()) && r.inInterface()
                    .equals(own.inInterface()) && r.outInterface().equals(own.outInterface()) && r.source().isEmpty()
                    && r.destination().isEmpty()) {
                return k;
            }
        }
        return -1;
    }

    private static int chainHead(List<FirewallRule> rules) {
        int at = 0;
        while (at < rules.size() && !rules.get(at).chain().equals(dev.virtwire.model.UfwRoutes.CHAIN)) {
            at++;
        }
        return at;
    }

    /** A port forward's native accept, at the head of its chain (nft insert) or deleted. */
    static HostSnapshot setPortForwardAccept(HostSnapshot s, dev.virtwire.model.PortForwardAccept accept,
                                             boolean present) {
        FirewallState fw = s.firewall();
        if (present == dev.virtwire.model.PortForwardAccept.in(fw).contains(accept)) {
            throw new HostException("the firewall " + (present ? "already has " : "has no ") + accept.describe());
        }
        List<FirewallRule> rules = present
                ? Stream.concat(PortForwardRules.nativeAcceptRules(accept).stream(), fw.rules().stream()).toList()
                : fw.rules().stream().filter(r -> !(r.table().equals(accept.table()) && r.chain().equals(accept.chain())
                        && r.comment().filter(accept.comment()::equals).isPresent())).toList();
        return s.withFirewall(fw.withRules(rules));
    }

    /**
     * firewalld's forward port in the zone (a rich rule's when {@code from} is given), appended to the zone's nat
     * chain (as firewalld adds it) or removed.
     */
    static HostSnapshot setFirewalldForwardPort(HostSnapshot s, PortForward forward, String zone, String from,
                                                boolean present) {
        FirewallState fw = s.firewall();
        var found = new dev.virtwire.model.FirewalldForwardPorts.Found(forward, zone, from);
        if (present == dev.virtwire.model.FirewalldForwardPorts.in(fw).contains(found)) {
            throw new HostException(present ? "Warning: ALREADY_ENABLED" : "Warning: NOT_ENABLED");
        }
        FirewallRule rule = dev.virtwire.model.FirewalldForwardPorts.rule(forward, zone, from);
        List<FirewallRule> rules = present ? Stream.concat(fw.rules().stream(), Stream.of(rule)).toList()
                : fw.rules().stream().filter(r -> !r.equals(rule)).toList();
        return s.withFirewall(fw.withRules(rules));
    }

    /** A firewalld forward's accept, at the head of iptables' FORWARD (direct rule of priority 0) or deleted. */
    static HostSnapshot setFirewalldAccept(HostSnapshot s, PortForward forward, String bridge, boolean present) {
        FirewallState fw = s.firewall();
        FirewallRule accept = PortForwardRules.rules(fw.backend(), forward, bridge).get(1);
        boolean has = fw.rules().stream().anyMatch(r -> r.equals(accept));
        if (present == has) {
            throw new HostException(present ? "Warning: ALREADY_ENABLED" : "Warning: NOT_ENABLED");
        }
        List<FirewallRule> rules = present ? Stream.concat(Stream.of(accept), fw.rules().stream()).toList()
                : fw.rules().stream().filter(r -> !r.equals(accept)).toList();
        return s.withFirewall(fw.withRules(rules));
    }
}
