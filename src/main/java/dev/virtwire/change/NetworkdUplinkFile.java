package dev.virtwire.change;

import dev.virtwire.model.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A systemd-networkd {@code .network} file as Virtwire edits it: one key set ({@link #with}), or the uplink's file
 * bridged: its IP settings (the addressing keys of {@code [Network]}, and the {@code [Address]}, {@code [Route]}, {@code [DHCPv4]} ... sections whole) move to the
 * bridge's own {@code .network}; in their place the uplink gets {@code Bridge=BR}; every other line stays as it
 * is. A line that is neither a comment, a {@code [Section]} nor {@code Key=Value} (or one continued with '\')
 * refuses the whole file, naming file and line: a file not understood is never rewritten.
 */
final class NetworkdUplinkFile {
    /** [Network] keys that configure the link's IP layer: they belong to the bridge once the uplink is its port. */
    private static final Set<String> MOVED_KEYS = Set.of("Address", "Gateway", "DHCP", "DNS", "Domains", "NTP",
            "IPv6AcceptRA", "LinkLocalAddressing", "IPv6LinkLocalAddressGenerationMode", "IPv6PrivacyExtensions",
            "IPv4LLRoute", "DefaultRouteOnDevice", "DNSDefaultRoute", "LLMNR", "MulticastDNS", "DNSSEC",
            "DNSOverTLS", "IPForward", "IPMasquerade", "IPv6SendRA", "DHCPServer", "DHCPPrefixDelegation",
            "KeepConfiguration", "ConfigureWithoutCarrier", "IgnoreCarrierLoss", "IPv4ProxyARP", "IPv6ProxyNDP",
            "IPv6DuplicateAddressDetection", "IPv6HopLimit", "IPv6MTUBytes", "RequiredForOnline");
    private static final Set<String> MOVED_SECTIONS = Set.of("Address", "Route", "RoutingPolicyRule", "NextHop",
            "Neighbor", "DHCP", "DHCPv4", "DHCPv6", "DHCPPrefixDelegation", "IPv6AcceptRA", "IPv6SendRA",
            "IPv6Prefix", "IPv6RoutePrefix", "DHCPServer", "DHCPServerStaticLease");

    /** One line, with the section it is in and its key (empty for a header, a comment or a blank line). */
    private record Line(String text, String section, String key) {
        boolean header() {
            return text.strip().startsWith("[");
        }
    }

    private final ConfigFile file;
    private final List<Line> lines;

    private NetworkdUplinkFile(ConfigFile file, List<Line> lines) {
        this.file = file;
        this.lines = lines;
    }

    static NetworkdUplinkFile parse(ConfigFile file) {
        List<Line> out = new ArrayList<>();
        String section = "";
        List<String> texts = file.text().lines().toList();
        for (int i = 0; i < texts.size(); i++) {
            String line = texts.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                out.add(new Line(texts.get(i), section, ""));
                continue;
            }
            if (line.endsWith("\\")) {
                throw refused(file, i, "a line continued with '\\' is not rewritten by Virtwire");
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                out.add(new Line(texts.get(i), section, ""));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || section.isEmpty()) {
                throw refused(file, i, "neither [Section], Key=Value nor a comment: " + line);
            }
            out.add(new Line(texts.get(i), section, line.substring(0, eq).strip()));
        }
        return new NetworkdUplinkFile(file, out);
    }

    private static ChangeRefused refused(ConfigFile file, int index, String why) {
        return new ChangeRefused(file.path() + ":" + (index + 1) + ": " + why + "; Virtwire does not rewrite a file "
                + "it does not understand: fix that line, or bridge the uplink in the file by hand");
    }

    ConfigFile file() {
        return file;
    }

    /** Whether the file matches this one link only ({@code [Match]} with one {@code Name=} of it, nothing else). */
    boolean matchesOnly(String nic) {
        List<Line> match = lines.stream().filter(l -> l.section().equals("Match") && !l.key().isEmpty()).toList();
        return match.size() == 1 && match.get(0).key().equals("Name")
                && value(match.get(0)).equals(nic);
    }

    /**
     * The file with the IP settings taken out and {@code Bridge=BRIDGE} in the first one's place in {@code
     * [Network]} (after its header when none was there; a {@code [Network]} at the end when the file has none).
     * Without {@code keepMatch}: the {@code [Match]} section goes too (a file of Virtwire's own gets its own).
     */
    List<String> asPortOf(String bridge, boolean keepMatch) {
        List<String> out = new ArrayList<>();
        boolean placed = false;
        boolean network = false;
        for (Line l : lines) {
            boolean inNetwork = l.section().equals("Network");
            network |= inNetwork;
            if (moved(l) || (!keepMatch && l.section().equals("Match"))) {
                if (inNetwork && !l.header() && !placed) {
                    out.add("Bridge=" + bridge);
                    placed = true;
                }
                continue;
            }
            out.add(l.text());
            if (inNetwork && l.header() && !placed && !hasMovedNetworkKey()) {
                out.add("Bridge=" + bridge);
                placed = true;
            }
        }
        if (!network) {
            if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
                out.add("");
            }
            out.add("[Network]");
            out.add("Bridge=" + bridge);
        }
        return out;
    }

    /**
     * The file's text with {@code KEY=VALUE} in the section: in place of each line that sets the key there, else
     * after the section's last setting, else in a new section at the end; every other line as it is.
     */
    String with(String section, String key, String value) {
        List<String> out = new ArrayList<>(lines.stream().map(Line::text).toList());
        String line = key + "=" + value;
        boolean replaced = false;
        int last = -1;
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            if (l.section().equals(section) && l.key().equals(key)) {
                out.set(k, line);
                replaced = true;
            }
            if (l.section().equals(section) && (l.header() || !l.key().isEmpty())) {
                last = k;
            }
        }
        if (!replaced && last >= 0) {
            out.add(last + 1, line);
        } else if (!replaced) {
            if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
                out.add("");
            }
            out.add("[" + section + "]");
            out.add(line);
        }
        return String.join("\n", out) + "\n";
    }

    /**
     * The file's text with one more {@code KEY=VALUE} in the section (for a key networkd takes many times, such as
     * {@code VLAN=}): after the section's last setting, else in a new section at the end; unchanged when the section
     * says it already. Every other line as it is.
     */
    String withAdded(String section, String key, String value) {
        boolean there = lines.stream().anyMatch(l -> l.section().equals(section) && l.key().equals(key)
                && value(l).equals(value));
        if (there) {
            return file.text();
        }
        List<String> out = new ArrayList<>(lines.stream().map(Line::text).toList());
        int last = -1;
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            if (l.section().equals(section) && (l.header() || !l.key().isEmpty())) {
                last = k;
            }
        }
        if (last >= 0) {
            out.add(last + 1, key + "=" + value);
        } else {
            if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
                out.add("");
            }
            out.add("[" + section + "]");
            out.add(key + "=" + value);
        }
        return String.join("\n", out) + "\n";
    }

    /** What moves to the bridge: the [Network] keys first, then each moved section as it was. */
    List<String> ipSettings() {
        List<String> out = new ArrayList<>();
        lines.stream().filter(l -> l.section().equals("Network") && MOVED_KEYS.contains(l.key()))
                .forEach(l -> out.add(l.text().strip()));
        for (Line l : lines) {
            if (!MOVED_SECTIONS.contains(l.section()) || l.text().isBlank()) {
                continue;
            }
            if (l.header()) {
                out.add("");
            }
            out.add(l.text().strip());
        }
        return out;
    }

    private boolean hasMovedNetworkKey() {
        return lines.stream().anyMatch(l -> l.section().equals("Network") && MOVED_KEYS.contains(l.key()));
    }

    private static boolean moved(Line l) {
        return MOVED_SECTIONS.contains(l.section()) && !l.text().isBlank()
                || l.section().equals("Network") && MOVED_KEYS.contains(l.key());
    }

    private static String value(Line l) {
        String t = l.text().strip();
        return t.substring(t.indexOf('=') + 1).strip();
    }
}
