package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.diagnose.rules.FirewallWalk.Outcome;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker drops, before routing, packets for a container's address that do not come in by the container's own
 * bridge: iptables' {@code raw/PREROUTING -d CONTAINER/32 ! -i docker0 -j DROP} (Docker 28), Docker 29's
 * {@code ip docker-bridges/raw-PREROUTING ip daddr CONTAINER iifname != "docker0" drop comment "DROP DIRECT
 * ACCESS"}. A guest that opens a connection to a container's address directly is dropped there, whatever the
 * forward chains say; Docker means its published ports to be reached at the host's address. No fix: Virtwire
 * does not edit Docker's rules, and Docker makes them again.
 */
public final class DockerDirectAccessDrop implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.DOCKER_DIRECT_ACCESS_DROP);
    }
    /** Docker's DNAT of a published port to the container: iptables' and nft's spelling, host port first. */
    private static final Pattern PUBLISHED = Pattern.compile("(tcp|udp)(?: -m \\w+)? (?:--)?dport (\\d+) .*?"
            + "(?:--to-destination|dnat to) (\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d+)");

    @Override
    public List<Finding> check(Situation s) {
        Optional<Ipv4> target = s.targetAddress().flatMap(Ipv4::tryParse);
        if (!s.routedByHost() || s.path().bridge().isEmpty() || target.isEmpty()) {
            return List.of();
        }
        String bridge = s.path().bridge().get();
        FirewallState firewall = s.snapshot().firewall();
        Packet packet = ForwardVerdicts.outbound(s, bridge, Optional.empty());
        FirewallWalk walk = new FirewallWalk(firewall);
        for (FirewallChain chain : firewall.at("prerouting")) {
            if (chain.type().equals("nat") || chain.table().equals("nat")) {
                continue;
            }
            Outcome outcome = walk.walk(chain.table(), chain.name(), packet);
            if (outcome.passes() || outcome.rule().isEmpty() || !byDocker(chain, outcome.rule().get(), walk)) {
                continue;
            }
            return List.of(finding(s, bridge, target.get(), chain, outcome, packet));
        }
        return List.of();
    }

    private static boolean byDocker(FirewallChain chain, FirewallRule rule, FirewallWalk walk) {
        if (chain.table().endsWith(" docker-bridges")) {
            return true;
        }
        // Docker 28's raw rule carries no comment: a drop of one address not coming in by a Docker bridge
        String text = rule.text();
        return walk.dockerPresent() && rule.destination().isPresent()
                && (text.contains("! -i docker0") || text.contains("! -i br-"));
    }

    private static Finding finding(Situation s, String bridge, Ipv4 container, FirewallChain chain, Outcome outcome,
                                   Packet packet) {
        String table = chain.table().contains(" ") ? "Docker's nftables table " + chain.table()
                : "iptables' " + chain.table() + " table";
        List<String> published = published(s.snapshot().firewall(), container.ip());
        Optional<String> hostAddress = s.snapshot().link(bridge).flatMap(l -> l.addresses().stream()
                .flatMap(a -> Ipv4.tryParse(a).stream()).findFirst()).map(Ipv4::ip);
        String host = hostAddress.orElse("the host's address");
        String instead = published.isEmpty()
                ? "publish the container's port (docker run -p HOSTPORT:PORT) and reach it at " + host + ":HOSTPORT"
                : "reach the published port at the host's address instead: " + String.join(", ", published.stream()
                        .map(p -> p.replace("HOST", host)).toList());
        return Finding.of(Catalog.DOCKER_DIRECT_ACCESS_DROP, "Docker drops what " + s.guestName() + " sends to the "
                        + "container address " + container.ip() + " directly (" + table + ", chain " + chain.name()
                        + ": Docker lets a container's address be reached only from its own bridge)")
                .withEvidence(outcome.evidence(chain.table(), s.firewallAfterProbes()))
                .withEvidence("packet: in " + bridge + packet.source().map(a -> ", from " + a.ip()).orElse("")
                        + ", to " + container.ip() + " (hook prerouting, before any forward chain)")
                .withNodes(new Id.Link(bridge))
                .withSteps(instead, "Virtwire does not change Docker's rules (Docker makes them again whenever it "
                        + "starts a container); an accept elsewhere does not override this drop");
    }

    /** Docker's published ports to the container, as "tcp HOST:8080 -> 172.17.0.2:80". */
    private static List<String> published(FirewallState firewall, String container) {
        List<String> out = new ArrayList<>();
        for (FirewallRule r : firewall.rules()) {
            if (!r.verdict().equals("DNAT")) {
                continue;
            }
            Matcher m = PUBLISHED.matcher(r.text());
            if (m.find() && m.group(3).equals(container)) {
                String p = m.group(1) + " HOST:" + m.group(2) + " -> " + container + ":" + m.group(4);
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
