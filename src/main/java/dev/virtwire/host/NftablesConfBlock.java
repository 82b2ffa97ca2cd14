package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ForwardAccept;
import java.util.ArrayList;
import java.util.List;

/**
 * Virtwire's block at the end of /etc/nftables.conf: the nft commands that make its accepts again whenever the
 * nftables service loads the file (at boot, on reload), after the tables the file itself declares. Virtwire
 * writes only between its two marker lines and leaves every other line as it is. Pure.
 */
public final class NftablesConfBlock {
    public static final String PATH = "/etc/nftables.conf";
    static final String BEGIN = "# virtwire: begin (rules Virtwire saved; it changes nothing outside this block)";
    static final String END = "# virtwire: end";

    private NftablesConfBlock() {
    }

    /** The file with this text; Debian ships it 0755 root:root (an nft script), and a written one keeps its own. */
    public static ConfigFile file(String text) {
        return new ConfigFile(PATH, text, "755", "root", "root");
    }

    /** The file with the accept's two rules in the block (the block made at the end when there is none). */
    public static String with(String conf, ForwardAccept a) {
        List<String> block = new ArrayList<>(block(conf));
        block.removeIf(line -> line.equals(line(a, true)) || line.equals(line(a, false)));
        // as at run time: inserted at the chain's head, the "in" rule last so that it ends up first
        block.add(line(a, false));
        block.add(line(a, true));
        return replaceBlock(conf, block);
    }

    /** The file without the accept's rules; without the block once it is empty. */
    public static String without(String conf, ForwardAccept a) {
        List<String> block = new ArrayList<>(block(conf));
        block.removeIf(line -> line.equals(line(a, true)) || line.equals(line(a, false)));
        return replaceBlock(conf, block);
    }

    /** The file with this nft command (argv without "nft") in the block, added at the block's end. */
    public static String withLine(String conf, List<String> command) {
        String line = String.join(" ", command.subList(1, command.size()));
        List<String> block = new ArrayList<>(block(conf));
        block.remove(line);
        block.add(line);
        return replaceBlock(conf, block);
    }

    /** The file without this nft command (argv without "nft") in the block; without the block once it is empty. */
    public static String withoutLine(String conf, List<String> command) {
        List<String> block = new ArrayList<>(block(conf));
        block.remove(String.join(" ", command.subList(1, command.size())));
        return replaceBlock(conf, block);
    }

    /** The file without the block's line that carries this comment; without the block once it is empty. */
    public static String withoutComment(String conf, String comment) {
        List<String> block = new ArrayList<>(block(conf));
        block.removeIf(line -> line.contains("\"" + comment + "\""));
        return replaceBlock(conf, block);
    }

    /** Whether the block holds a line carrying this comment. */
    public static boolean savesComment(String conf, String comment) {
        return block(conf).stream().anyMatch(line -> line.contains("\"" + comment + "\""));
    }

    /** Whether the file saves this accept (both rules). */
    public static boolean saves(String conf, ForwardAccept a) {
        List<String> block = block(conf);
        return block.contains(line(a, true)) && block.contains(line(a, false));
    }

    /** Whether the file declares the table ("family name"): only then can its block add rules to it at boot. */
    public static boolean declares(String conf, String table) {
        String[] familyName = table.split(" ", 2);
        if (familyName.length < 2) {
            return false;
        }
        java.util.regex.Pattern declaration = java.util.regex.Pattern.compile("^\\s*table\\s+"
                + java.util.regex.Pattern.quote(familyName[0]) + "\\s+" + java.util.regex.Pattern.quote(familyName[1])
                + "\\s*\\{");
        return conf.lines().anyMatch(l -> declaration.matcher(l).find());
    }

    /** The lines of Virtwire's block, markers aside. */
    public static List<String> block(String conf) {
        List<String> lines = conf.lines().toList();
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        return begin < 0 || end < begin ? List.of() : lines.subList(begin + 1, end);
    }

    private static String replaceBlock(String conf, List<String> block) {
        List<String> lines = new ArrayList<>(conf.lines().toList());
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        if (begin >= 0 && end > begin) {
            lines.subList(begin, end + 1).clear();
        }
        if (!block.isEmpty()) {
            lines.add(BEGIN);
            lines.addAll(block);
            lines.add(END);
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** The rule as an nft command the file runs, spelt as ForwardAcceptRules writes it. */
    private static String line(ForwardAccept a, boolean incoming) {
        List<String> argv = ForwardAcceptRules.addCommands(a).get(incoming ? 1 : 0);
        return String.join(" ", argv.subList(1, argv.size()));
    }
}
