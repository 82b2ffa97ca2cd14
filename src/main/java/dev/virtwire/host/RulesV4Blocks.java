package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.PortForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Virtwire's blocks in iptables-persistent's /etc/iptables/rules.v4 (loaded by iptables-restore at boot, before
 * libvirtd): a port forward's DNAT at the end of the {@code *nat} section, its accept at the head of the
 * {@code *filter} section's rules, so that it comes first in FORWARD. Virtwire writes only between its marker
 * lines and leaves every other line as it is. Pure.
 *
 * <p>The file saves a forward only when it holds libvirt's jump {@code -A FORWARD -j LIBVIRT_FWI} (as a file
 * made by {@code netfilter-persistent save} on a libvirt host does): libvirt adds its jumps at the head of
 * FORWARD when they are missing, and its LIBVIRT_FWI rejects new connections into a NAT network, so without
 * the jump in the file the saved accept would come after libvirt's reject once libvirtd starts. A bridge's
 * accept (the fix for a FORWARD that drops) is saved the same way: its two rules at the head of the filter block.
 */
public final class RulesV4Blocks {
    public static final String PATH = "/etc/iptables/rules.v4";
    /** As netfilter-persistent writes it. */
    public static final String MODE = "640";
    private static final String LIBVIRT_JUMP = "-A FORWARD -j LIBVIRT_FWI";

    private RulesV4Blocks() {
    }

    public static ConfigFile file(String text) {
        return new ConfigFile(PATH, text, MODE, "root", "root");
    }

    /** Why the file cannot save a port forward that works after a boot; empty when it can. */
    public static Optional<String> whyNotSaved(String text) {
        List<String> lines = text.lines().map(RulesV4Blocks::withoutCounters).toList();
        if (!lines.contains("*nat") || !lines.contains("*filter")) {
            return Optional.of(PATH + " has no " + (lines.contains("*nat") ? "*filter" : "*nat") + " section");
        }
        if (!lines.contains(LIBVIRT_JUMP)) {
            return Optional.of(PATH + " does not hold libvirt's '" + LIBVIRT_JUMP + "', so at boot libvirt would put "
                    + "its reject ahead of a saved accept (netfilter-persistent save, run while libvirt's networks "
                    + "are up, writes it)");
        }
        return Optional.empty();
    }

    /** The file with the forward's DNAT and accept in Virtwire's blocks. */
    public static String with(String text, PortForward f, String bridge) {
        return with(text, f, bridge, "");
    }

    /** As above, for a forward from {@code from} only: both saved lines match the source. */
    public static String with(String text, PortForward f, String bridge, String from) {
        List<String> rules = PortForwardRules.restoreLines(f, bridge, from);
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<String> nat = new ArrayList<>(block(lines, "nat"));
        nat.remove(rules.get(0));
        nat.add(rules.get(0));
        replace(lines, "nat", nat);
        List<String> filter = new ArrayList<>(block(lines, "filter"));
        filter.remove(rules.get(1));
        filter.add(0, rules.get(1)); // as `iptables -I` puts it: the newest first
        replace(lines, "filter", filter);
        return joined(lines);
    }

    /**
     * The file without the forward's lines (those of Virtwire's blocks carrying its comment, whatever source they
     * match); a block that is empty goes with its markers.
     */
    public static String without(String text, PortForward f, String bridge) {
        return withoutComment(text, f.comment());
    }

    private static String withoutComment(String text, String comment) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (String table : List.of("nat", "filter")) {
            List<String> block = new ArrayList<>(block(lines, table));
            block.removeIf(l -> l.contains(" --comment " + comment + " "));
            replace(lines, table, block);
        }
        return joined(lines);
    }

    /** Whether the file saves the forward: a line of Virtwire's carries its comment. */
    public static boolean saves(String text, PortForward f) {
        return carries(text, f.comment());
    }

    /**
     * The file with the bridge's accept (an iptables one, in FORWARD) at the head of Virtwire's filter block, so
     * that at boot it comes ahead of libvirt's jumps, the "in" rule first as {@code iptables -I} leaves them.
     */
    public static String withAccept(String text, ForwardAccept a) {
        List<String> rules = ForwardAcceptRules.rules(a).stream().map(FirewallRule::text).toList();
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<String> filter = new ArrayList<>(block(lines, "filter"));
        filter.removeAll(rules);
        filter.addAll(0, rules);
        replace(lines, "filter", filter);
        return joined(lines);
    }

    /** The file without the bridge's accept; an empty block goes with its markers. */
    public static String withoutAccept(String text, ForwardAccept a) {
        return withoutComment(text, a.comment());
    }

    /** Whether the file saves the bridge's accept. */
    public static boolean savesAccept(String text, ForwardAccept a) {
        return carries(text, a.comment());
    }

    /** Whether Virtwire's block for the table saves a rule of the chain carrying the comment. */
    public static boolean savesRule(String text, String table, String chain, String comment) {
        return block(text.lines().toList(), table).stream()
                .anyMatch(l -> l.startsWith("-A " + chain + " ") && l.contains(" --comment " + comment + " "));
    }

    private static boolean carries(String text, String comment) {
        List<String> lines = text.lines().toList();
        return List.of("nat", "filter").stream().flatMap(t -> block(lines, t).stream())
                .anyMatch(l -> l.contains(" --comment " + comment + " "));
    }

    private static String begin(String table) {
        return "# virtwire: begin " + table + " (rules Virtwire saved; it changes nothing outside this block)";
    }

    private static String end(String table) {
        return "# virtwire: end " + table;
    }

    private static List<String> block(List<String> lines, String table) {
        int b = lines.indexOf(begin(table));
        int e = lines.indexOf(end(table));
        return b < 0 || e < b ? List.of() : List.copyOf(lines.subList(b + 1, e));
    }

    /** Replaces the table's block in place, or puts a new one where its rules belong in the table's section. */
    private static void replace(List<String> lines, String table, List<String> block) {
        int b = lines.indexOf(begin(table));
        int e = lines.indexOf(end(table));
        int at;
        if (b >= 0 && e > b) {
            lines.subList(b, e + 1).clear();
            at = b;
        } else {
            at = insertionPoint(lines, table);
        }
        if (block.isEmpty()) {
            return;
        }
        List<String> marked = new ArrayList<>();
        marked.add(begin(table));
        marked.addAll(block);
        marked.add(end(table));
        lines.addAll(at, marked);
    }

    /** nat: before the section's COMMIT (after its rules); filter: before its first rule (ahead of them all). */
    private static int insertionPoint(List<String> lines, String table) {
        int section = lines.stream().map(String::strip).toList().indexOf("*" + table);
        if (section < 0) {
            throw new HostException(PATH + " has no *" + table + " section: Virtwire does not save into it");
        }
        for (int i = section + 1; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals("COMMIT") || (table.equals("filter") && (l.startsWith("-") || l.startsWith("[")))) {
                return i;
            }
        }
        throw new HostException(PATH + ": the *" + table + " section has no COMMIT line; Virtwire changes nothing in it");
    }

    /** A line as iptables-save writes it without -c: its leading "[packets:bytes] " (iptables-save -c) gone. */
    private static String withoutCounters(String line) {
        return line.strip().replaceFirst("^\\[\\d+:\\d+\\]\\s+", "");
    }

    private static String joined(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
