package dev.virtwire.diagnose.rules;

import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.PacketCount;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Follows a packet through one base chain of the packet filter the way the kernel does: rule by rule,
 * into jumped-to chains and back on RETURN, until a verdict or the chain's policy decides. A rule that tests the
 * packet's mark (Docker's {@code bridge-accept-fwmark} accept) matches only a packet Virtwire's own marking rule
 * marks: other programs' marks are not followed.
 */
final class FirewallWalk {
    private static final Set<String> FINAL = Set.of("ACCEPT", "DROP", "REJECT");
    private static final int MAX_DEPTH = 16;
    private static final Pattern TESTS_MARK = Pattern.compile("(^|\\s)mark (?!set)|--mark\\b");

    /** What decided: the rule (absent when the policy did) and the verdict. */
    record Outcome(Optional<FirewallRule> rule, String verdict, String chain) {
        boolean passes() {
            return verdict.equals("ACCEPT");
        }

        /**
         * The rule by table, chain and handle (nftables), with its counter and what it counted while Virtwire
         * probed (the same rule in {@code after}); or the chain's policy.
         */
        String evidence(String table, Optional<FirewallState> after) {
            return rule.map(r -> r.place() + ": " + r.text() + r.counter().map(c -> " (counted " + c.packets()
                            + " packets" + moved(r, c, after) + ")").orElse(""))
                    .orElse(table + "/" + chain + ": policy " + verdict);
        }

        private static String moved(FirewallRule r, PacketCount before, Optional<FirewallState> after) {
            return after.flatMap(a -> a.rules().stream().filter(same(r)).findFirst()).flatMap(FirewallRule::counter)
                    .map(now -> now.since(before).packets())
                    .map(n -> ", " + n + " of them while Virtwire probed").orElse("");
        }

        /** The same rule in another reading: by handle where nftables gives one, else by its text. */
        private static java.util.function.Predicate<FirewallRule> same(FirewallRule r) {
            return o -> o.table().equals(r.table()) && o.chain().equals(r.chain())
                    && (r.handle().isPresent() ? o.handle().equals(r.handle()) : o.text().equals(r.text()));
        }
    }

    private final FirewallState firewall;

    FirewallWalk(FirewallState firewall) {
        this.firewall = firewall;
    }

    /** The base chains that filter forwarded packets, as "table/chain" keys with a policy. */
    List<String> forwardChains() {
        return firewall.policies().keySet().stream()
                .filter(k -> k.substring(k.indexOf('/') + 1).toUpperCase(Locale.ROOT).equals("FORWARD"))
                .filter(k -> !k.startsWith("nat/"))
                .sorted().toList();
    }

    Outcome walk(String table, String chain, Packet packet) {
        String policy = firewall.policy(table, chain).orElse("ACCEPT").toUpperCase(Locale.ROOT);
        return walkChain(table, chain, packet, 0)
                .orElse(new Outcome(Optional.empty(), policy, chain));
    }

    private Optional<Outcome> walkChain(String table, String chain, Packet packet, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        for (FirewallRule rule : firewall.rules()) {
            if (!rule.table().equals(table) || !rule.chain().equals(chain) || !packet.matches(rule)
                    || testsMark(rule) && !marked(packet)) {
                continue;
            }
            String verdict = rule.verdict().toUpperCase(Locale.ROOT);
            if (FINAL.contains(verdict)) {
                return Optional.of(new Outcome(Optional.of(rule), verdict, chain));
            }
            if (verdict.equals("RETURN")) {
                return Optional.empty();
            }
            if (hasChain(table, rule.verdict())) {
                Optional<Outcome> inner = walkChain(table, rule.verdict(), packet, depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean testsMark(FirewallRule rule) {
        return !rule.verdict().equals("MARK") && TESTS_MARK.matcher(rule.text()).find();
    }

    private boolean marked(Packet packet) {
        return firewall.rules().stream().anyMatch(r -> DockerAcceptMark.isMarkRule(r) && packet.matches(r));
    }

    private boolean hasChain(String table, String chain) {
        return firewall.rules().stream().anyMatch(r -> r.table().equals(table) && r.chain().equals(chain));
    }

    /** Whether Docker's chains are present: its FORWARD policy DROP is the usual culprit then. */
    boolean dockerPresent() {
        return firewall.rules().stream().anyMatch(r -> r.chain().startsWith("DOCKER")
                || r.verdict().startsWith("DOCKER"));
    }
}
