package dev.virtwire.change;

import dev.virtwire.model.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An interfaces(5) file as Virtwire edits it: every line is kept as it is, Virtwire's own stanzas sit in marked
 * blocks ({@code # virtwire: begin NAME} ... {@code # virtwire: end NAME}) that are added at the end or taken out
 * whole. A line it cannot place (not a comment, a keyword, or an option inside a stanza) refuses the whole file,
 * naming file and line: ifup would stop there too, and a file not understood is never rewritten.
 */
final class InterfacesFile {
    private static final Set<String> KEYWORDS = Set.of("iface", "mapping", "auto", "source", "source-directory",
            "template", "rename", "no-auto-down", "no-scripts");
    /** What source-directory and run-parts take as a file name; a file of Virtwire's own must be one. */
    private static final Pattern PART = Pattern.compile("[a-zA-Z0-9_-]+");
    private final ConfigFile file;
    private final List<String> lines;

    private InterfacesFile(ConfigFile file) {
        this.file = file;
        this.lines = List.of(file.text().split("\n", -1));
    }

    /** The file, read and checked line by line; a line that is no keyword outside any stanza refuses it. */
    static InterfacesFile parse(ConfigFile file) {
        InterfacesFile f = new InterfacesFile(file);
        boolean inStanza = false;
        boolean continued = false;
        for (int i = 0; i < f.lines.size(); i++) {
            String line = f.lines.get(i).strip();
            boolean continues = line.endsWith("\\");
            if (continued || line.isEmpty() || line.startsWith("#")) {
                continued = continues;
                continue;
            }
            continued = continues;
            String keyword = line.split("\\s+")[0];
            if (keyword.equals("iface") || keyword.equals("mapping") || keyword.equals("template")) {
                if (line.split("\\s+").length < 2) {
                    throw f.refused(i, "'" + keyword + "' without a name");
                }
                inStanza = true;
            } else if (KEYWORDS.contains(keyword) || keyword.startsWith("allow-")) {
                inStanza = false;
            } else if (!inStanza) {
                throw f.refused(i, "'" + line + "' is an option outside any iface stanza");
            }
        }
        return f;
    }

    ConfigFile file() {
        return file;
    }

    /** Where an {@code iface NAME} stanza of this file starts ({@code PATH:LINE}); empty: there is none. */
    Optional<String> stanza(String name) {
        for (int i = 0; i < lines.size(); i++) {
            String[] w = lines.get(i).strip().split("\\s+");
            if (w.length >= 2 && w[0].equals("iface") && w[1].equals(name)) {
                return Optional.of(file.path() + ":" + (i + 1));
            }
        }
        return Optional.empty();
    }

    /** Whether Virtwire's marked block for this link is in the file. */
    boolean hasBlock(String name) {
        return lines.contains(begin(name));
    }

    /** The file with a block of Virtwire's own for NAME at its end (after a blank line), the rest byte for byte. */
    ConfigFile withBlock(String name, List<String> stanza) {
        StringBuilder text = new StringBuilder(file.text());
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(String.join("\n", block(name, stanza))).append('\n');
        return withText(text.toString());
    }

    /** The file without Virtwire's block for NAME (and the blank line it added before it). */
    ConfigFile withoutBlock(String name) {
        int from = lines.indexOf(begin(name));
        int to = lines.subList(from, lines.size()).indexOf(end(name)) + from;
        if (to < from) {
            throw refused(from, "Virtwire's block for " + name + " has no '" + end(name) + "' line");
        }
        List<String> kept = new ArrayList<>(lines.subList(0, from));
        if (from > 0 && kept.get(from - 1).isEmpty()) {
            kept.remove(from - 1);
        }
        kept.addAll(lines.subList(to + 1, lines.size()));
        return withText(String.join("\n", kept));
    }

    /**
     * The file with the bridge's ports changed on its {@code bridge_ports} (or {@code bridge-ports}) line, which
     * keeps its spelling and indentation ({@code none} when no port is left); a stanza without one gets it after
     * its {@code iface} line. Every other line stays as it is.
     */
    ConfigFile withBridgePorts(String bridge, java.util.function.UnaryOperator<List<String>> change) {
        List<String> out = new ArrayList<>(lines);
        int iface = -1;
        for (int i = 0; i < out.size(); i++) {
            String[] w = out.get(i).strip().split("\\s+");
            boolean keyword = KEYWORDS.contains(w[0]) || w[0].startsWith("allow-");
            if (keyword && iface >= 0) {
                break;
            }
            if (w[0].equals("iface") && w.length >= 2 && w[1].equals(bridge)) {
                iface = i;
            } else if (iface >= 0 && (w[0].equals("bridge_ports") || w[0].equals("bridge-ports"))) {
                String line = out.get(i);
                String indent = line.substring(0, line.indexOf(w[0]));
                List<String> now = List.of(w).subList(1, w.length).stream().filter(p -> !p.equals("none")).toList();
                out.set(i, indent + w[0] + " " + ports(change.apply(now)));
                return withText(String.join("\n", out));
            }
        }
        if (iface < 0) {
            throw new ChangeRefused(file.path() + " has no iface " + bridge + " stanza");
        }
        out.add(iface + 1, "    bridge_ports " + ports(change.apply(List.of())));
        return withText(String.join("\n", out));
    }

    /**
     * The file with {@code OPTION VALUE} in the link's IPv4 stanza ({@code iface NAME inet ...}; its only stanza when
     * it has no IPv4 one): in place of each line that sets the option there, keeping its indentation, else as the
     * stanza's first option. Every other line stays as it is.
     */
    ConfigFile withOption(String name, String option, String value) {
        List<String> out = new ArrayList<>(lines);
        int iface = -1;
        for (int i = 0; i < out.size() && iface < 0; i++) {
            String[] w = out.get(i).strip().split("\\s+");
            if (w[0].equals("iface") && w.length >= 3 && w[1].equals(name) && (w[2].equals("inet")
                    || stanzas(name) == 1)) {
                iface = i;
            }
        }
        if (iface < 0) {
            throw new ChangeRefused(file.path() + " has no iface " + name + " inet stanza");
        }
        Optional<String> indent = Optional.empty(); // the stanza's own, from its first option
        boolean replaced = false;
        for (int i = iface + 1; i < out.size(); i++) {
            String line = out.get(i);
            String[] w = line.strip().split("\\s+");
            if (KEYWORDS.contains(w[0]) || w[0].startsWith("allow-")) {
                break;
            }
            if (!w[0].isEmpty() && !w[0].startsWith("#") && indent.isEmpty()) {
                indent = Optional.of(line.substring(0, line.indexOf(w[0])));
            }
            if (w[0].equals(option)) {
                out.set(i, line.substring(0, line.indexOf(w[0])) + option + " " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            out.add(iface + 1, indent.orElse("    ") + option + " " + value);
        }
        return withText(String.join("\n", out));
    }

    private long stanzas(String name) {
        return lines.stream().map(l -> l.strip().split("\\s+"))
                .filter(w -> w[0].equals("iface") && w.length >= 2 && w[1].equals(name)).count();
    }

    private static String ports(List<String> ports) {
        return ports.isEmpty() ? "none" : String.join(" ", ports);
    }

    /**
     * The file with the uplink's stanzas (inet, inet6: its addresses, routes and DNS lines as they are) moved to
     * the bridge: each {@code iface NIC} header names the bridge, the first gets {@code bridge_ports NIC} (and no
     * STP, no forward delay: the uplink is the bridge's only port), the NIC's name in their option lines and in
     * {@code auto}/{@code allow-} lines becomes the bridge's, and {@code iface NIC inet manual} comes before them.
     * Every other line stays as it is.
     */
    ConfigFile withUplinkBridged(String nic, String bridge) {
        List<String> out = new ArrayList<>();
        boolean moving = false;
        boolean first = true;
        Pattern word = Pattern.compile("(?<![\\w.:-])" + Pattern.quote(nic) + "(?![\\w.:-])");
        for (String line : lines) {
            String stripped = line.strip();
            String[] w = stripped.split("\\s+");
            boolean keyword = !stripped.isEmpty() && (KEYWORDS.contains(w[0]) || w[0].startsWith("allow-"));
            if (keyword) {
                moving = w[0].equals("iface") && w.length >= 2 && w[1].equals(nic);
            }
            if (moving && w[0].equals("iface")) {
                if (first) {
                    out.add("# virtwire: " + nic + " bridged into " + bridge + " (undo puts this file back as it was)");
                    out.add("iface " + nic + " inet manual");
                    out.add("");
                }
                out.add(word.matcher(line).replaceFirst(bridge));
                if (first) {
                    out.addAll(List.of("    bridge_ports " + nic, "    bridge_stp off", "    bridge_fd 0"));
                }
                first = false;
            } else if (moving || (keyword && (w[0].equals("auto") || w[0].startsWith("allow-")))) {
                out.add(stripped.startsWith("#") ? line : word.matcher(line).replaceAll(bridge));
            } else {
                out.add(line);
            }
        }
        if (first) {
            throw new ChangeRefused(file.path() + " has no iface " + nic + " stanza to move to " + bridge);
        }
        return withText(String.join("\n", out));
    }

    /**
     * The folder whose files this file sources as a whole ({@code source DIR/*} or {@code source-directory DIR}),
     * where a file of Virtwire's own is read at boot; empty: none (the block goes into this file).
     */
    Optional<String> sourcedFolder() {
        String here = file.path().substring(0, Math.max(file.path().lastIndexOf('/'), 1));
        for (String l : lines) {
            String[] w = l.strip().split("\\s+");
            if (w.length != 2) {
                continue;
            }
            String path = w[1].startsWith("/") ? w[1] : here + "/" + w[1];
            if (w[0].equals("source") && path.endsWith("/*")) {
                return Optional.of(path.substring(0, path.length() - 2));
            }
            if (w[0].equals("source-directory")) {
                return Optional.of(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
            }
        }
        return Optional.empty();
    }

    /** A file of Virtwire's own for NAME in that folder; empty when NAME is no name source-directory reads. */
    static Optional<ConfigFile> ownFile(String folder, String name, List<String> stanza) {
        String file = "virtwire-" + name;
        if (!PART.matcher(file).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ConfigFile(folder + "/" + file, String.join("\n", block(name, stanza)) + "\n", "644",
                "root", "root"));
    }

    private static List<String> block(String name, List<String> stanza) {
        List<String> out = new ArrayList<>();
        out.add(begin(name));
        out.add("# Made by Virtwire; undo removes it.");
        out.addAll(stanza);
        out.add(end(name));
        return out;
    }

    private static String begin(String name) {
        return "# virtwire: begin " + name;
    }

    private static String end(String name) {
        return "# virtwire: end " + name;
    }

    private ConfigFile withText(String text) {
        return new ConfigFile(file.path(), text, file.mode(), file.owner(), file.group());
    }

    private ChangeRefused refused(int index, String why) {
        return new ChangeRefused(file.path() + ":" + (index + 1) + ": " + why + ": Virtwire does not rewrite an "
                + "interfaces file it cannot read (ifup would stop there too); correct that line first");
    }
}
