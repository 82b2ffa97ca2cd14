package dev.virtwire.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A NetworkManager keyfile (an ini file: {@code [section]} lines, {@code key=value} lines, comments, blank
 * lines), edited line by line so that every line Virtwire does not change stays byte for byte. A line that is
 * none of these is refused, naming the file and line: a file Virtwire cannot read is never rewritten.
 */
final class NmKeyfile {
    private final String path;
    private final List<String> lines;

    private NmKeyfile(String path, List<String> lines) {
        this.path = path;
        this.lines = List.copyOf(lines);
    }

    static NmKeyfile parse(String path, String text) {
        List<String> lines = text.lines().toList();
        boolean inSection = false;
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]") && line.length() > 2) {
                inSection = true;
            } else if (!line.contains("=") || line.startsWith("=") || !inSection) {
                throw new ChangeRefused(path + ":" + (k + 1) + ": '" + lines.get(k) + "' is not a keyfile line "
                        + "Virtwire understands, so it does not rewrite this file; fix or remove the line, or make "
                        + "the change live only (--scope live)");
            }
        }
        return new NmKeyfile(path, lines);
    }

    String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    Optional<String> get(String section, String key) {
        String current = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (isSection(line)) {
                current = line.substring(1, line.length() - 1).strip();
            } else if (current.equals(section) && line.contains("=")
                    && line.substring(0, line.indexOf('=')).strip().equals(key)) {
                return Optional.of(line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** The section's lines, header first, without the blank lines that end it; empty when absent. */
    List<String> section(String section) {
        int[] range = range(section);
        if (range[0] < 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>(lines.subList(range[0], range[1]));
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The key set in the section (its line replaced where it is, else added after the section's last key). */
    NmKeyfile with(String section, String key, String value) {
        int[] range = range(section);
        List<String> out = new ArrayList<>(lines);
        if (range[0] < 0) {
            if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
                out.add("");
            }
            out.add("[" + section + "]");
            out.add(key + "=" + value);
            return new NmKeyfile(path, out);
        }
        int last = range[0];
        for (int k = range[0] + 1; k < range[1]; k++) {
            String line = out.get(k).strip();
            if (line.contains("=") && !line.startsWith("#") && !line.startsWith(";")) {
                if (line.substring(0, line.indexOf('=')).strip().equals(key)) {
                    out.set(k, key + "=" + value);
                    return new NmKeyfile(path, out);
                }
                last = k;
            }
        }
        out.add(last + 1, key + "=" + value);
        return new NmKeyfile(path, out);
    }

    /** The section and the blank lines after it taken out. */
    NmKeyfile without(String section) {
        int[] range = range(section);
        if (range[0] < 0) {
            return this;
        }
        List<String> out = new ArrayList<>(lines.subList(0, range[0]));
        out.addAll(lines.subList(range[1], lines.size()));
        return new NmKeyfile(path, out);
    }

    /** [start, end) of the section's lines, header included; start -1 when absent. */
    private int[] range(String section) {
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (isSection(line) && line.substring(1, line.length() - 1).strip().equals(section)) {
                int end = k + 1;
                while (end < lines.size() && !isSection(lines.get(end).strip())) {
                    end++;
                }
                return new int[] {k, end};
            }
        }
        return new int[] {-1, -1};
    }

    private static boolean isSection(String line) {
        return line.startsWith("[") && line.endsWith("]") && line.length() > 2;
    }
}
