package dev.virtwire.host.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.PacketCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One nftables rule from its JSON expression list: what it matches (source, destination, in/out
 * interface), its verdict, and the rule written back in nft's own syntax as evidence. A rule that sets the
 * packet's mark has the verdict MARK (it decides nothing, as iptables' MARK target). A verdict map keyed by
 * interface name ({@code oifname vmap @filter-forward-in-jumps}, as Docker's nftables tables dispatch to their
 * per-bridge chains) stands for one rule per element: that interface, that element's verdict.
 */
final class NftRule {
    private Optional<String> source = Optional.empty();
    private Optional<String> destination = Optional.empty();
    private Optional<String> in = Optional.empty();
    private Optional<String> out = Optional.empty();
    private Optional<String> verdict = Optional.empty();
    private Optional<PacketCount> counter = Optional.empty();
    private final List<String> words = new ArrayList<>();
    private Optional<JsonNode> vmap = Optional.empty();

    private NftRule() {
    }

    /**
     * The rule; none when it has no verdict (a counter or a log only decides nothing); one per element of the
     * verdict map it looks up.
     *
     * @param maps the table's named maps by name: their {@code elem} arrays
     */
    static List<FirewallRule> of(String table, JsonNode rule, Map<String, JsonNode> maps) {
        NftRule r = new NftRule();
        rule.path("expr").forEach(r::expression);
        Optional<String> comment = NftRuleset.text(rule, "comment");
        comment.ifPresent(c -> r.words.add("comment \"" + c + "\""));
        OptionalLong handle = rule.has("handle") ? OptionalLong.of(rule.path("handle").asLong()) : OptionalLong.empty();
        String chain = rule.path("chain").asText();
        if (r.vmap.isPresent()) {
            return r.elements(table, chain, comment, handle, maps);
        }
        return r.verdict.map(v -> new FirewallRule(table, chain, v, r.source, r.destination,
                r.in, r.out, comment, String.join(" ", r.words), handle, r.counter, Optional.empty())).stream().toList();
    }

    /** A verdict map keyed by iifname or oifname: one rule per element (other keys decide nothing Virtwire follows). */
    private List<FirewallRule> elements(String table, String chain, Optional<String> comment, OptionalLong handle,
                                        Map<String, JsonNode> maps) {
        JsonNode v = vmap.get();
        String key = operand(v.path("key"));
        JsonNode data = v.path("data");
        JsonNode elems = data.isTextual() ? maps.getOrDefault(data.asText().replaceFirst("^@", ""),
                MissingNode.getInstance()) : data.path("set");
        if (!key.matches("[io]if(name)?")) {
            return List.of();
        }
        String text = String.join(" ", words);
        List<FirewallRule> out = new ArrayList<>();
        for (JsonNode e : elems) {
            JsonNode pair = e.isArray() ? e : e.path("elem");
            String name = pair.path(0).asText();
            JsonNode target = pair.path(1);
            String kind = target.fieldNames().hasNext() ? target.fieldNames().next() : "";
            String verdictOf = kind.equals("jump") || kind.equals("goto") ? target.path(kind).path("target").asText()
                    : kind.toUpperCase(Locale.ROOT);
            Optional<String> in = key.startsWith("i") ? Optional.of(name) : this.in;
            Optional<String> out1 = key.startsWith("o") ? Optional.of(name) : this.out;
            out.add(new FirewallRule(table, chain, verdictOf, source, destination, in, out1, comment,
                    text + ": \"" + name + "\" : " + kind + (kind.equals("jump") || kind.equals("goto") ? " "
                    + verdictOf : ""), handle, counter, Optional.empty()));
        }
        return out;
    }

    private void expression(JsonNode e) {
        String kind = e.fieldNames().hasNext() ? e.fieldNames().next() : "";
        JsonNode v = e.path(kind);
        switch (kind) {
            case "match" -> match(v);
            case "counter" -> {
                words.add("counter");
                if (v.has("packets")) {
                    counter = Optional.of(new PacketCount(v.path("packets").asLong(), v.path("bytes").asLong()));
                }
            }
            case "accept", "drop", "return", "continue" -> verdict(kind, kind);
            case "reject" -> verdict("reject", "reject" + (v.hasNonNull("expr") ? " with " + v.path("type").asText()
                    + " " + v.path("expr").asText() : ""));
            case "jump", "goto" -> {
                // a jump's verdict is the chain it jumps to, spelt as the chain is
                verdict = Optional.of(v.path("target").asText());
                words.add(kind + " " + v.path("target").asText());
            }
            case "masquerade" -> verdict("masquerade", "masquerade" + port(v, " to :"));
            case "snat", "dnat" -> verdict(kind, kind + " to " + v.path("addr").asText() + port(v, ":"));
            case "xt" -> verdict(v.path("name").asText(), "xt " + v.path("type").asText() + " \""
                    + v.path("name").asText() + "\"");
            case "vmap" -> {
                vmap = Optional.of(v);
                words.add(operand(v.path("key")) + " vmap " + (v.path("data").isTextual() ? v.path("data").asText()
                        : "{ ... }"));
            }
            case "mangle" -> {
                String what = operand(v.path("key"));
                if (what.equals("mark")) {
                    verdict("MARK", "meta mark set " + operand(v.path("value")));
                } else {
                    words.add(what + " set " + operand(v.path("value")));
                }
            }
            default -> words.add(kind);
        }
    }

    private void verdict(String name, String text) {
        verdict = Optional.of(name.toUpperCase(Locale.ROOT));
        words.add(text);
    }

    private static String port(JsonNode v, String prefix) {
        JsonNode p = v.path("port");
        if (p.isMissingNode()) {
            return "";
        }
        JsonNode range = p.path("range");
        return prefix + (range.isArray() ? range.get(0).asText() + "-" + range.get(1).asText() : p.asText());
    }

    private void match(JsonNode m) {
        String left = operand(m.path("left"));
        boolean named = left.matches("[io]if(name)?");
        String right = named ? "\"" + operand(m.path("right")) + "\"" : operand(m.path("right"));
        String op = m.path("op").asText("==");
        boolean masked = left.contains(" & ");
        words.add(left + (op.equals("in") || op.equals("==") && !masked ? " " : " " + op + " ") + right);
        if (!op.equals("==")) {
            return; // a negated match names what is excluded: it stays in the text only
        }
        String value = right.replace("\"", "");
        switch (left) {
            case "ip saddr", "ip6 saddr" -> source = Optional.of(value);
            case "ip daddr", "ip6 daddr" -> destination = Optional.of(value);
            case "iif", "iifname" -> in = Optional.of(value);
            case "oif", "oifname" -> out = Optional.of(value);
            default -> { }
        }
    }

    private static String operand(JsonNode o) {
        if (o.isTextual()) {
            return o.asText();
        }
        if (o.isNumber()) {
            return o.asText();
        }
        if (o.isArray()) {
            List<String> parts = new ArrayList<>();
            o.forEach(p -> parts.add(p.isTextual() ? p.asText() : operand(p)));
            return String.join(",", parts);
        }
        if (o.has("payload")) {
            return o.path("payload").path("protocol").asText() + " " + o.path("payload").path("field").asText();
        }
        if (o.has("meta")) {
            String key = o.path("meta").path("key").asText();
            return key.matches("[io]if(name)?|mark") ? key : "meta " + key;
        }
        if (o.has("ct")) {
            return "ct " + o.path("ct").path("key").asText();
        }
        if (o.has("prefix")) {
            return o.path("prefix").path("addr").asText() + "/" + o.path("prefix").path("len").asText();
        }
        if (o.has("set")) {
            List<String> parts = new ArrayList<>();
            o.path("set").forEach(p -> parts.add(operand(p)));
            return "{ " + String.join(", ", parts) + " }";
        }
        if (o.has("&") || o.has("|")) {
            String op = o.has("&") ? "&" : "|";
            return operand(o.path(op).get(0)) + " " + op + " " + operand(o.path(op).get(1));
        }
        if (o.has("range")) {
            return operand(o.path("range").get(0)) + "-" + operand(o.path("range").get(1));
        }
        return o.toString();
    }
}
