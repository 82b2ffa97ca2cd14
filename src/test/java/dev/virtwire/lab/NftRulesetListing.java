package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The lab host's whole ruleset as {@code nft -j list ruleset} lists it, counters zeroed: what an undo must leave
 * as it was on a host whose firewall is nftables (or iptables-nft beside it).
 */
final class NftRulesetListing {
    private NftRulesetListing() {
    }

    static JsonNode withoutCounters(Lab lab) throws IOException {
        CommandResult listed = lab.exec("nft", "-j", "list", "ruleset");
        assertTrue(listed.ok(), listed::describe);
        JsonNode tree = new ObjectMapper().readTree(listed.stdout());
        tree.path("nftables").forEach(item -> item.path("rule").path("expr").forEach(e -> {
            if (e.has("counter")) {
                ((ObjectNode) e).putObject("counter");
            }
        }));
        // iptables-nft makes a built-in chain (nat PREROUTING, for a forward's DNAT) on first use and leaves it
        // empty after: iptables, the backend, lists its built-in chains always, so an empty one is no change
        java.util.Set<String> used = new java.util.HashSet<>();
        tree.path("nftables").forEach(item -> {
            JsonNode r = item.path("rule");
            if (!r.isMissingNode()) {
                used.add(r.path("family").asText() + " " + r.path("table").asText() + " " + r.path("chain").asText());
            }
        });
        java.util.Iterator<JsonNode> items = tree.path("nftables").elements();
        while (items.hasNext()) {
            JsonNode c = items.next().path("chain");
            boolean iptablesBuiltIn = !c.isMissingNode() && java.util.Set.of("filter", "nat", "mangle", "raw")
                    .contains(c.path("table").asText()) && c.path("name").asText().equals(
                    c.path("name").asText().toUpperCase(java.util.Locale.ROOT)) && c.has("hook");
            if (iptablesBuiltIn && !used.contains(c.path("family").asText() + " " + c.path("table").asText() + " "
                    + c.path("name").asText())) {
                items.remove();
            }
        }
        return tree;
    }
}
