package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Virtwire's own file in {@code /etc/sysctl.d/}, which systemd-sysctl (and procps' {@code sysctl --system}) apply
 * at boot: the sysctls Virtwire saved, one {@code key = value} line each. Changing one line keeps every other line
 * (another admin's too) as it is; the file is written whole as {@link SavedConfigCommands#write} writes every file,
 * so a reader never sees half of it. Pure: the text and the commands; the host runs them.
 */
public final class SysctlConf {
    public static final String PATH = "/etc/sysctl.d/60-virtwire.conf";
    private static final String HEADER = "# Saved by Virtwire, applied at boot; lines added by others stay.\n";

    private SysctlConf() {
    }

    /** {@code net.ipv4.ip_forward}, or a link's {@code net.ipv4.conf.LINK.forwarding} (a dot in its name is '/'). */
    /** {@code net.ipv6.conf.LINK.KEY} for the two keys Virtwire changes; LINK may be {@code all}. */
    public static String ipv6Key(String link, String key) {
        if (!key.equals("forwarding") && !key.equals("accept_ra")) {
            throw new IllegalArgumentException("Virtwire changes net.ipv6.conf.LINK.forwarding and accept_ra, not '"
                    + key + "'");
        }
        String name = link.equals("all") ? link : dev.virtwire.model.LinkName.require(link, "link");
        return "net.ipv6.conf." + name.replace('.', '/') + "." + key;
    }

    public static String forwardingKey(Optional<String> link) {
        return link.map(l -> "net.ipv4.conf." + l.replace('.', '/') + ".forwarding").orElse("net.ipv4.ip_forward");
    }

    /** The file with {@code key = value} set: the key's line replaced where it is, else added at the end. */
    public static String withValue(Optional<String> current, String key, String value) {
        String line = key + " = " + value;
        List<String> lines = new ArrayList<>(current.map(c -> c.lines().toList()).orElse(List.of()));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (keyOf(lines.get(i)).filter(key::equals).isPresent()) {
                lines.set(i, line);
                found = true;
            }
        }
        if (!found) {
            lines.add(line);
        }
        String body = String.join("\n", lines) + "\n";
        return current.isPresent() ? body : HEADER + body;
    }

    /** The value the file saves for a key (its last line for it, as sysctl reads it), if any. */
    public static Optional<String> valueOf(Optional<String> content, String key) {
        Optional<String> value = Optional.empty();
        for (String l : content.map(c -> c.lines().toList()).orElse(List.of())) {
            if (keyOf(l).filter(key::equals).isPresent()) {
                value = Optional.of(l.substring(l.indexOf('=') + 1).strip());
            }
        }
        return value;
    }

    /**
     * The file holding this text, as a new one is made (0644, root's, as sysctl.d's files are); an existing one
     * keeps its own mode and owner when written.
     */
    public static ConfigFile file(String content) {
        return new ConfigFile(PATH, content, "644", "root", "root");
    }

    /** What the host runs to make the file hold this (or, for empty, not be there). */
    public static List<HostCommand.Run> write(Optional<String> content) {
        return content.map(c -> SavedConfigCommands.write(file(c)))
                .orElse(List.of(new HostCommand.Run(SavedConfigCommands.remove(PATH))));
    }

    /** The key of a {@code key = value} line (sysctl.d allows a leading '-' and '/' for '.'); empty for others. */
    private static Optional<String> keyOf(String line) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || !l.contains("=")) {
            return Optional.empty();
        }
        String key = l.substring(0, l.indexOf('=')).strip();
        if (key.startsWith("-")) {
            key = key.substring(1);
        }
        return Optional.of(key.indexOf('/') >= 0 && key.indexOf('.') < 0 ? key.replace('/', '.') : key);
    }
}
