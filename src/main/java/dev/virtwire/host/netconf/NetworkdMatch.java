package dev.virtwire.host.netconf;

import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a {@code .network} file's {@code [Match]} section fits a link: {@code Name=} (shell globs, '!' to
 * negate the list), {@code MACAddress=} and {@code Type=} are evaluated; a file with other match keys
 * ({@code Driver=}, {@code Path=}, ...) is taken as not fitting, and said so in a gap when its name fits.
 */
final class NetworkdMatch {
    static final List<String> EVALUATED = List.of("Name", "MACAddress", "Type");

    private NetworkdMatch() {
    }

    static boolean matches(UnitFile network, String name, Optional<Link> link, List<String> gaps) {
        List<String> names = words(network.values("Match", "Name"));
        if (!names.isEmpty() && !globs(names, name)) {
            return false;
        }
        List<String> macs = words(network.values("Match", "MACAddress"));
        if (!macs.isEmpty() && link.flatMap(Link::mac).filter(m -> macs.stream()
                .anyMatch(x -> x.equalsIgnoreCase(m))).isEmpty()) {
            return false;
        }
        List<String> types = words(network.values("Match", "Type"));
        if (!types.isEmpty() && link.filter(l -> types.contains(type(l.kind()))).isEmpty()) {
            return false;
        }
        List<UnitFile.Entry> others = network.otherThan("Match", EVALUATED);
        if (!others.isEmpty()) {
            UnitFile.Entry first = others.get(0);
            gaps.add("systemd-networkd: " + network.file().at(first.line()) + ": [Match] " + first.key()
                    + "= is not evaluated by Virtwire; taken as not matching " + name);
            return false;
        }
        return true;
    }

    private static boolean globs(List<String> patterns, String name) {
        boolean negated = patterns.get(0).startsWith("!");
        boolean any = patterns.stream().map(p -> p.startsWith("!") ? p.substring(1) : p)
                .anyMatch(p -> FileSystems.getDefault().getPathMatcher("glob:" + p).matches(Path.of(name)));
        return negated != any;
    }

    private static List<String> words(List<String> values) {
        return values.stream().flatMap(v -> List.of(v.split("\\s+")).stream()).filter(w -> !w.isEmpty()).toList();
    }

    /** networkd's Type= words for the kinds Virtwire knows. */
    private static String type(LinkKind kind) {
        return switch (kind) {
            case PHYSICAL, VETH, TAP -> "ether";
            case LOOPBACK -> "loopback";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
