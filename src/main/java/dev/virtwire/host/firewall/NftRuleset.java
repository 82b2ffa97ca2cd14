package dev.virtwire.host.firewall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps {@code nft -j list ruleset} to base chain policies and rules, for the IPv4 families (ip, inet) or the
 * IPv6 ones (ip6, inet). Tables that iptables-nft owns are skipped when asked to (iptables-save reads them
 * better). Pure.
 */
public final class NftRuleset {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> IPV4_FAMILIES = Set.of("ip", "inet");
    private static final Set<String> IPV6_FAMILIES = Set.of("ip6", "inet");
    private static final Set<String> IPTABLES_TABLES = Set.of("filter", "nat", "mangle", "raw", "security");

    /**
     * @param tables "family name" of every table seen (all families), so callers can tell what exists
     */
    public record Result(Map<String, String> policies, List<FirewallRule> rules, List<String> tables,
                         List<FirewallChain> chains) {
    }

    private NftRuleset() {
    }

    /**
     * @param skipIptablesTables leave out the tables iptables-nft manages (ip/ip6 filter, nat, ... whose
     *                           chains have iptables' upper-case names)
     */
    public static Result parse(String json, boolean skipIptablesTables) {
        return parse(json, skipIptablesTables, IPV4_FAMILIES);
    }

    /** The IPv6 side: ip6 and inet tables ({@code skipIp6tablesTables}: ip6tables-nft's are read by ip6tables-save). */
    public static Result parseIpv6(String json, boolean skipIp6tablesTables) {
        return parse(json, skipIp6tablesTables, IPV6_FAMILIES);
    }

    private static Result parse(String json, boolean skipIptablesTables, Set<String> families) {
        JsonNode items;
        try {
            items = json.isBlank() ? MAPPER.createArrayNode() : MAPPER.readTree(json).path("nftables");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException("'nft -j list ruleset' printed JSON Virtwire cannot read"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage() + "; the firewall is not read, and Virtwire changes nothing in it", e);
        }
        List<String> tables = new ArrayList<>();
        Map<String, Boolean> upperCaseOnly = new HashMap<>();
        for (JsonNode item : items) {
            if (item.has("table")) {
                tables.add(tableName(item.get("table")));
            } else if (item.has("chain")) {
                JsonNode c = item.get("chain");
                // iptables names its base chains after their hooks in capitals; its users' chains may be any case
                // (ufw's are lower case), so only the base chains tell an iptables-nft table
                String name = c.path("name").asText();
                if (c.has("hook")) {
                    upperCaseOnly.merge(tableName(c), name.equals(name.toUpperCase(Locale.ROOT)), Boolean::logicalAnd);
                }
            }
        }
        Set<String> skipped = new HashSet<>();
        if (skipIptablesTables) {
            for (String t : tables) {
                String[] fn = t.split(" ", 2);
                if (IPTABLES_TABLES.contains(fn[1]) && upperCaseOnly.getOrDefault(t, true)) {
                    skipped.add(t);
                }
            }
        }
        Map<String, String> policies = new LinkedHashMap<>();
        List<FirewallRule> rules = new ArrayList<>();
        List<FirewallChain> chains = new ArrayList<>();
        Map<String, Map<String, JsonNode>> maps = new HashMap<>();
        for (JsonNode item : items) {
            if (item.has("map")) {
                JsonNode m = item.get("map");
                maps.computeIfAbsent(tableName(m), t -> new HashMap<>()).put(m.path("name").asText(), m.path("elem"));
            }
        }
        for (JsonNode item : items) {
            JsonNode o = item.has("chain") ? item.get("chain") : item.path("rule");
            String table = tableName(o);
            if (o.isMissingNode() || skipped.contains(table) || !families.contains(o.path("family").asText())) {
                continue;
            }
            if (item.has("chain") && o.has("hook")) {
                FirewallChain chain = new FirewallChain(table, o.path("name").asText(), o.path("type").asText("filter"),
                        o.path("hook").asText(), o.path("prio").asInt(0),
                        o.path("policy").asText("accept").toUpperCase(Locale.ROOT));
                chains.add(chain);
                policies.put(chain.key(), chain.policy());
            } else if (item.has("rule")) {
                rules.addAll(NftRule.of(table, o, maps.getOrDefault(table, Map.of())));
            }
        }
        return new Result(policies, rules, tables, chains);
    }

    private static String tableName(JsonNode o) {
        return o.path("family").asText() + " " + (o.has("table") ? o.path("table").asText() : o.path("name").asText());
    }

    static Optional<String> text(JsonNode o, String key) {
        return o.hasNonNull(key) ? Optional.of(o.get(key).asText()) : Optional.empty();
    }
}
