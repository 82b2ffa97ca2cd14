package dev.virtwire.host.netconf;

import dev.virtwire.host.HostException;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedLink;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ifupdown and ifupdown2: {@code /etc/network/interfaces} and what its {@code source} (a path, its last part
 * may be a glob) and {@code source-directory} lines include, relative paths from the including file's folder;
 * {@code /run/network/ifstate} for what {@code ifup} brought up. ifupdown is present when an {@code iface}
 * stanza names a link other than the loopback.
 */
final class IfupdownInterfaces {
    static final String MAIN = "/etc/network/interfaces";
    static final String STATE = "/run/network/ifstate";
    /** Where Debian's interfaces file sources its parts from. */
    static final String PARTS = "/etc/network/interfaces.d";
    /** The names source-directory takes (run-parts' rule). */
    private static final Pattern PART = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final int MAX_FILES = 200;

    private final HostFiles files;

    IfupdownInterfaces(HostFiles files) {
        this.files = files;
    }

    ManagerRead read() {
        List<String> gaps = new ArrayList<>();
        List<TextFile> all = new ArrayList<>();
        try {
            Optional<TextFile> main = files.read(MAIN);
            if (main.isEmpty()) {
                return ManagerRead.absent();
            }
            include(main.get(), all, new LinkedHashSet<>(), gaps);
            Set<String> up = new LinkedHashSet<>();
            files.read(STATE).ifPresent(s -> s.lines().forEach(l -> up.add(l.split("=", 2)[0].strip())));
            InterfacesStanzas stanzas = InterfacesStanzas.parse(all, gaps);
            List<SavedLink> links = stanzas.links(up, gaps);
            if (links.stream().noneMatch(l -> !l.name().equals("lo"))) {
                return new ManagerRead(Optional.empty(), List.of(), gaps);
            }
            return new ManagerRead(Optional.of(new ManagerFound(LinkOwner.IFUPDOWN, false, MAIN)), links, gaps);
        } catch (HostException e) {
            return ManagerRead.failed("ifupdown: " + e.getMessage());
        }
    }

    /** The file, then the files its source lines name (depth first; a file is read once). */
    private void include(TextFile file, List<TextFile> all, Set<String> seen, List<String> gaps) {
        if (!seen.add(file.path()) || seen.size() > MAX_FILES) {
            return;
        }
        all.add(file);
        for (int i = 0; i < file.lines().size(); i++) {
            String[] words = file.lines().get(i).strip().split("\\s+", 2);
            if ((words[0].equals("source") || words[0].equals("source-directory")) && words.length == 2) {
                try {
                    for (String path : sourced(words[0], absolute(words[1].strip(), file.directory()))) {
                        files.read(path).ifPresent(f -> include(f, all, seen, gaps));
                    }
                } catch (HostException e) {
                    gaps.add("ifupdown: " + file.at(i + 1) + ": " + e.getMessage());
                }
            }
        }
    }

    private List<String> sourced(String keyword, String path) {
        if (keyword.equals("source-directory")) {
            return files.list(path).stream().filter(n -> PART.matcher(n).matches()).map(n -> path + "/" + n)
                    .toList();
        }
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, Math.max(slash, 1));
        String name = path.substring(slash + 1);
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return List.of(path);
        }
        var glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
        return files.list(dir).stream().filter(n -> glob.matches(Path.of(n))).map(n -> dir + "/" + n).toList();
    }

    private static String absolute(String path, String directory) {
        return path.startsWith("/") ? path : directory + "/" + path;
    }
}
