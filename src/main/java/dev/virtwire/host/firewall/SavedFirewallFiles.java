package dev.virtwire.host.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the host saved for its firewall managers to load at boot: {@code /etc/nftables.conf} (the nftables
 * service) and {@code /etc/iptables/rules.v4} (iptables-persistent). Read, never written: what Virtwire
 * cannot follow is reported with its line. Pure.
 *
 * @param nftablesTables "family name" of each table /etc/nftables.conf declares
 * @param nftablesIncludes the files it includes, as written
 * @param iptablesRules  rules.v4 as iptables-save reads it
 * @param problems       what could not be followed, "FILE line N: why"
 * @param nftablesConf   the file's text, when it could be followed (Virtwire's own block is in it)
 * @param rulesV4        rules.v4's text (Virtwire's own blocks are in it)
 */
record SavedFirewallFiles(Optional<List<String>> nftablesTables, List<String> nftablesIncludes,
                          Optional<IptablesSave.Result> iptablesRules, List<String> problems,
                          Optional<String> nftablesConf, Optional<String> rulesV4) {
    static final String NFTABLES_CONF = "/etc/nftables.conf";
    static final String RULES_V4 = "/etc/iptables/rules.v4";
    private static final Pattern TABLE = Pattern.compile(
            "^\\s*(?:add\\s+|create\\s+)?table\\s+(?:(ip|ip6|inet|arp|bridge|netdev)\\s+)?([A-Za-z0-9_.-]+)\\b");
    private static final Pattern INCLUDE = Pattern.compile("^\\s*include\\s+\"([^\"]+)\"");

    static SavedFirewallFiles none() {
        return of(Optional.empty(), Optional.empty());
    }

    static SavedFirewallFiles of(Optional<String> nftablesConf, Optional<String> rulesV4) {
        List<String> problems = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        Optional<List<String>> tables = nftablesConf.map(text -> tables(text, includes, problems));
        return new SavedFirewallFiles(tables, includes, rulesV4.map(IptablesSave::parse), problems,
                problems.isEmpty() ? nftablesConf : Optional.empty(), rulesV4);
    }

    /** Whether Virtwire's block in /etc/nftables.conf makes this rule of Virtwire's again. */
    boolean virtwireSaves(String table, String chain, String comment) {
        String place = " rule " + table + " " + chain + " ";
        return nftablesConf.stream().flatMap(text -> dev.virtwire.host.NftablesConfBlock.block(text).stream())
                .anyMatch(line -> line.contains(place) && line.contains("\"" + comment + "\""))
                || rulesV4.filter(text -> dev.virtwire.host.RulesV4Blocks.savesRule(text, table, chain, comment))
                .isPresent();
    }

    /** The tables declared, following braces so a rule line is never taken for a table. */
    private static List<String> tables(String text, List<String> includes, List<String> problems) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int lineNo = 0;
        String open = "";
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.replaceFirst("#.*", "");
            Matcher t = TABLE.matcher(line);
            if (depth == 0 && t.find()) {
                String family = t.group(1) == null ? "ip" : t.group(1);
                out.add(family + " " + t.group(2));
                open = "table " + family + " " + t.group(2) + " (line " + lineNo + ")";
            }
            Matcher i = INCLUDE.matcher(line);
            if (depth == 0 && i.find()) {
                includes.add(i.group(1));
            }
            for (char c : line.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            if (depth < 0) {
                problems.add(NFTABLES_CONF + " line " + lineNo + ": a '}' closes nothing; Virtwire reads the "
                        + "file no further and changes nothing in it");
                return out;
            }
        }
        if (depth > 0) {
            problems.add(NFTABLES_CONF + " line " + lineNo + ": " + open + " is not closed; Virtwire reads the "
                    + "file no further and changes nothing in it");
        }
        return out;
    }
}
