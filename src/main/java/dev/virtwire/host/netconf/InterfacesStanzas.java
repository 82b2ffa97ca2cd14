package dev.virtwire.host.netconf;

import dev.virtwire.model.Ipv4;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stanzas of interfaces(5) files: {@code auto}/{@code allow-hotplug} lines, {@code iface NAME FAMILY METHOD}
 * with its option lines ({@code address}, {@code netmask}, {@code mtu}, {@code bridge_ports}/{@code bridge-ports},
 * {@code bond-slaves}, {@code vlan-raw-device}), and {@code mapping} stanzas (skipped). A line outside any
 * stanza that is no keyword is a parse error naming file and line; the rest of the file is still read.
 */
final class InterfacesStanzas {
    private static final Set<String> STANZA_KEYWORDS = Set.of("iface", "mapping", "auto", "source",
            "source-directory", "template");
    private static final Pattern DOT_VLAN = Pattern.compile("(.+)\\.(\\d+)");
    private static final Pattern VLAN_N = Pattern.compile("vlan(\\d+)");

    /** One {@code iface} stanza: where it starts and its options (a repeated option keeps every value). */
    private record Iface(String name, String family, String method, String where, Map<String, List<String>> options,
                         Map<String, String> optionLines) {
        List<String> option(String... names) {
            List<String> out = new ArrayList<>();
            for (String n : names) {
                out.addAll(options.getOrDefault(n, List.of()));
            }
            return out;
        }
    }

    private final List<Iface> ifaces;
    private final Set<String> atBoot;

    private InterfacesStanzas(List<Iface> ifaces, Set<String> atBoot) {
        this.ifaces = ifaces;
        this.atBoot = atBoot;
    }

    static InterfacesStanzas parse(List<TextFile> files, List<String> gaps) {
        List<Iface> ifaces = new ArrayList<>();
        Set<String> atBoot = new LinkedHashSet<>();
        for (TextFile file : files) {
            Iface current = null;
            boolean inMapping = false;
            List<String> lines = joined(file.lines());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] w = line.split("\\s+");
                String keyword = w[0];
                if (keyword.equals("auto") || keyword.equals("allow-hotplug") || keyword.equals("allow-auto")) {
                    atBoot.addAll(List.of(w).subList(1, w.length));
                    current = null;
                    inMapping = false;
                } else if (keyword.startsWith("allow-") || STANZA_KEYWORDS.contains(keyword)) {
                    current = null;
                    inMapping = keyword.equals("mapping");
                    if (keyword.equals("iface")) {
                        if (w.length < 3) {
                            gaps.add("ifupdown: " + file.at(i + 1) + ": an iface line needs a name and a method: "
                                    + line);
                            continue;
                        }
                        String family = w.length >= 4 ? w[2] : "inet";
                        String method = w.length >= 4 ? w[3] : w[2];
                        current = new Iface(w[1], family, method, file.at(i + 1), new LinkedHashMap<>(),
                                new LinkedHashMap<>());
                        ifaces.add(current);
                    }
                } else if (current != null) {
                    String value = line.substring(keyword.length()).strip();
                    String key = keyword.replace('_', '-');
                    current.options().computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                    current.optionLines().putIfAbsent(key, file.at(i + 1));
                } else if (!inMapping) {
                    gaps.add("ifupdown: " + file.at(i + 1) + ": '" + keyword + "' is neither a stanza keyword nor"
                            + " an option inside an iface stanza; the line is ignored");
                }
            }
        }
        return new InterfacesStanzas(ifaces, atBoot);
    }

    /** Lines ending in '\' continue on the next; the joined line keeps the first line's number. */
    private static List<String> joined(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            for (int next = i + 1; out.get(i).endsWith("\\") && next < out.size(); next++) {
                String head = out.get(i);
                out.set(i, head.substring(0, head.length() - 1) + " " + out.get(next).strip());
                out.set(next, ""); // the following lines keep their numbers
            }
        }
        return out;
    }

    /** The saved links: one per iface name (its inet stanza first), and bridge and bond ports they name. */
    List<SavedLink> links(Set<String> up, List<String> gaps) {
        Map<String, SavedLink> out = new LinkedHashMap<>();
        for (Iface s : ifaces) {
            SavedLink link = out.get(s.name());
            if (link == null) {
                link = new SavedLink(s.name(), LinkOwner.IFUPDOWN, s.where(), atBoot.contains(s.name()),
                        up.contains(s.name()), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                        OptionalInt.empty(), Optional.empty());
                link = vlan(link, s);
            }
            if (s.family().equals("inet")) {
                link = link.withAddresses(addresses(s, gaps)).withMtu(mtu(s).isPresent() ? mtu(s) : link.mtu());
            }
            out.put(s.name(), link);
        }
        for (Iface s : ifaces) {
            List<String> ports = new ArrayList<>();
            s.option("bridge-ports", "bond-slaves").forEach(v -> ports.addAll(List.of(v.split("\\s+"))));
            for (String port : ports) {
                if (port.isEmpty() || port.equals("none")) {
                    continue;
                }
                String where = s.optionLines().getOrDefault("bridge-ports",
                        s.optionLines().getOrDefault("bond-slaves", s.where()));
                SavedLink existing = out.getOrDefault(port, new SavedLink(port, LinkOwner.IFUPDOWN, where,
                        atBoot.contains(s.name()), up.contains(s.name()), Optional.empty(), Optional.empty(),
                        OptionalInt.empty(), OptionalInt.empty(), Optional.empty()));
                // a port comes up with its bridge or bond
                out.put(port, existing.asPortOf(s.name())
                        .withAtBoot(existing.atBoot() || atBoot.contains(s.name()))
                        .withActive(existing.active() || up.contains(s.name())));
            }
        }
        return List.copyOf(out.values());
    }

    private static SavedLink vlan(SavedLink link, Iface s) {
        Optional<String> raw = s.option("vlan-raw-device").stream().findFirst();
        Matcher dot = DOT_VLAN.matcher(s.name());
        if (dot.matches() && dot.group(2).length() <= 4) {
            return link.withVlan(OptionalInt.of(Integer.parseInt(dot.group(2))),
                    raw.or(() -> Optional.of(dot.group(1))));
        }
        Matcher vlanN = VLAN_N.matcher(s.name());
        if (vlanN.matches() && vlanN.group(1).length() <= 4 && raw.isPresent()) {
            return link.withVlan(OptionalInt.of(Integer.parseInt(vlanN.group(1))), raw);
        }
        return link;
    }

    /** static: its address lines (CIDR, or with a netmask line); dhcp; manual: none; others not compared. */
    private static Optional<SavedAddresses> addresses(Iface s, List<String> gaps) {
        try {
            return addresses(s);
        } catch (IllegalArgumentException e) {
            gaps.add("ifupdown: " + s.optionLines().getOrDefault("netmask", s.where()) + ": " + e.getMessage()
                    + "; its addresses are not compared");
            return Optional.empty();
        }
    }

    private static Optional<SavedAddresses> addresses(Iface s) {
        return switch (s.method()) {
            case "dhcp" -> Optional.of(SavedAddresses.byDhcp());
            case "manual" -> Optional.of(SavedAddresses.none());
            case "static" -> Optional.of(SavedAddresses.of(s.option("address").stream()
                    .map(a -> withPrefix(a, s.option("netmask").stream().findFirst())).toList()));
            default -> Optional.empty(); // loopback, ppp, tunnel...: not compared
        };
    }

    private static String withPrefix(String address, Optional<String> netmask) {
        if (address.contains("/") || netmask.isEmpty()) {
            return address;
        }
        String mask = netmask.get();
        int prefix = mask.contains(".") ? Long.bitCount(Ipv4.parse(mask + "/32").address()) : Integer.parseInt(mask);
        return address + "/" + prefix;
    }

    private static OptionalInt mtu(Iface s) {
        try {
            return s.option("mtu").stream().findFirst().map(m -> OptionalInt.of(Integer.parseInt(m)))
                    .orElse(OptionalInt.empty());
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
