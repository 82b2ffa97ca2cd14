package dev.virtwire.host.firewall;

import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.PacketCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps {@code iptables-save} output (legacy or nf_tables flavour) to chain policies and rules. Only the
 * tables that decide whether guest traffic passes or is translated are kept: filter and nat. Pure.
 */
public final class IptablesSave {
    /** raw too: Docker drops a container's address reached from outside its bridge in raw PREROUTING. */
    private static final Set<String> TABLES = Set.of("filter", "nat", "raw");
    /** iptables-nft's note that nft (not iptables) made a table: its iptables view is empty and misleading. */
    private static final Pattern INCOMPATIBLE = Pattern.compile("^# Table `(\\w+)' contains incompatible");

    /** iptables-save -c's counters ahead of a rule or after a policy: "[packets:bytes]". */
    private static final Pattern COUNTER = Pattern.compile("\\[(\\d+):(\\d+)]");
    private static final Set<String> HOOKS = Set.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    /** Policies keyed "table/chain", the rules in file order, and the base chains. */
    public record Result(Map<String, String> policies, List<FirewallRule> rules, List<FirewallChain> chains) {
    }

    private IptablesSave() {
    }

    public static Result parse(String text) {
        Map<String, String> policies = new LinkedHashMap<>();
        List<FirewallRule> rules = new ArrayList<>();
        List<FirewallChain> chains = new ArrayList<>();
        String table = "";
        Set<String> incompatible = new java.util.HashSet<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            Optional<PacketCount> counter = Optional.empty();
            Matcher c = COUNTER.matcher(line);
            if (line.startsWith("[") && c.lookingAt()) {
                counter = Optional.of(new PacketCount(Long.parseLong(c.group(1)), Long.parseLong(c.group(2))));
                line = line.substring(c.end()).strip();
            }
            Matcher m = INCOMPATIBLE.matcher(line);
            if (m.find()) {
                incompatible.add(m.group(1));
            }
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (!TABLES.contains(table) || incompatible.contains(table) || line.isEmpty()
                    || line.startsWith("#")) {
                continue;
            } else if (line.startsWith(":")) {
                String[] parts = line.substring(1).split("\\s+");
                // user chains have policy "-"
                if (parts.length >= 2 && !parts[1].equals("-")) {
                    policies.put(table + "/" + parts[0], parts[1]);
                    if (HOOKS.contains(parts[0])) {
                        chains.add(new FirewallChain(table, parts[0], table, parts[0].toLowerCase(Locale.ROOT),
                                priority(table, parts[0]), parts[1]));
                    }
                }
            } else if (line.startsWith("-A ")) {
                Optional<PacketCount> counted = counter;
                rule(table, line).map(r -> new FirewallRule(r.table(), r.chain(), r.verdict(), r.source(),
                        r.destination(), r.inInterface(), r.outInterface(), r.comment(), r.text(),
                        java.util.OptionalLong.empty(), counted, Optional.empty())).ifPresent(rules::add);
            }
        }
        return new Result(policies, rules, chains);
    }

    /** The priority iptables registers a table's hook with (the kernel's NF_IP_PRI_*). */
    private static int priority(String table, String chain) {
        if (table.equals("nat")) {
            return chain.equals("PREROUTING") || chain.equals("OUTPUT") ? -100 : 100;
        }
        return table.equals("raw") ? -300 : 0;
    }

    /** One "-A CHAIN ..." line; a rule without a target (a bare counter) decides nothing and is left out. */
    static Optional<FirewallRule> rule(String table, String line) {
        List<String> words = words(line);
        String chain = words.get(1);
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> negated = new java.util.HashSet<>();
        boolean not = false;
        for (int i = 2; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("!")) {
                not = true;
                continue;
            }
            if (w.startsWith("-") && i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                options.putIfAbsent(w, words.get(i + 1));
                if (not) {
                    negated.add(w);
                }
                i++;
            }
            not = false;
        }
        String target = Optional.ofNullable(options.get("-j")).orElse(options.get("-g"));
        if (target == null) {
            return Optional.empty();
        }
        return Optional.of(new FirewallRule(table, chain, target, option(options, negated, "-s"),
                option(options, negated, "-d"), option(options, negated, "-i"), option(options, negated, "-o"),
                Optional.ofNullable(options.get("--comment")), line.substring(3)));
    }

    /** A negated match ("! -d 10.0.0.0/24") is not the rule's source or destination: it stays in the text only. */
    private static Optional<String> option(Map<String, String> options, Set<String> negated, String key) {
        return negated.contains(key) ? Optional.empty() : Optional.ofNullable(options.get(key));
    }

    /** Splits like iptables-save quotes: double quotes group words, backslash escapes a quote. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
