package dev.virtwire.change.op;

import dev.virtwire.host.HostCommand;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A unified-style diff of a whole file, for previews: {@code --- PATH} / {@code +++ PATH}, then every line with
 * ' ', '-' or '+', runs of more than six unchanged lines shortened to their first and last three.
 */
public final class FileDiff {
    private static final int CONTEXT = 3;

    private FileDiff() {
    }

    /** @param before empty string for a new file; {@code after} empty string for a removed one */
    public static List<String> of(String path, String before, String after, boolean existed, boolean remains) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> body = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                body.add(" " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                body.add("-" + a.get(i++));
            } else {
                body.add("+" + b.get(j++));
            }
        }
        List<String> out = new ArrayList<>();
        out.add("--- " + (existed ? path : "/dev/null"));
        out.add("+++ " + (remains ? path : "/dev/null"));
        out.addAll(shortened(body));
        return out;
    }

    /** The diff of one saved file from {@code before} to {@code after} (empty: there was none, it is removed). */
    static List<String> of(Optional<ConfigFile> before, Optional<ConfigFile> after) {
        return of(after.or(() -> before).orElseThrow().path(), before.map(ConfigFile::text).orElse(""),
                after.map(ConfigFile::text).orElse(""), before.isPresent(), after.isPresent());
    }

    static List<String> of(ConfigFileChange change) {
        return of(change.before(), change.after());
    }

    /**
     * A step's commands as a preview shows them, with the file's diff (indented) after the command that writes
     * or removes it ({@code tee}, {@code rm}) in place of the text tee reads.
     */
    static List<String> afterWrite(List<HostCommand> commands, List<String> diff) {
        List<String> out = new ArrayList<>();
        for (HostCommand c : commands) {
            out.add(c.shown().get(0));
            if (c instanceof HostCommand.Run r && (r.argv().get(0).equals("tee") || r.argv().get(0).equals("rm"))) {
                diff.forEach(l -> out.add("    " + l));
            }
        }
        return out;
    }

    private static List<String> shortened(List<String> body) {
        List<String> out = new ArrayList<>();
        int k = 0;
        while (k < body.size()) {
            int end = k;
            while (end < body.size() && body.get(end).startsWith(" ")) {
                end++;
            }
            if (end - k > 2 * CONTEXT) {
                out.addAll(body.subList(k, k + CONTEXT));
                out.add("@@ " + (end - k - 2 * CONTEXT) + " unchanged lines @@");
                out.addAll(body.subList(end - CONTEXT, end));
            } else {
                out.addAll(body.subList(k, end));
            }
            if (end < body.size()) {
                out.add(body.get(end));
                end++;
            }
            k = end;
        }
        return out;
    }
}
