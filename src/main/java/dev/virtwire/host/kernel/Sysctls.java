package dev.virtwire.host.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.model.Ipv6Conf;
import dev.virtwire.model.KernelSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The forwarding sysctls, read in one round trip with {@code sysctl -a -r PATTERN} (works locally, in a
 * namespace and over ssh, unlike reading /proc from here). Pure parsing of its "key = value" lines.
 */
public final class Sysctls {
    /**
     * IPv4 forwarding (global, and the all/default switches) and br_netfilter's switches, named one by one:
     * walking net.ipv4.conf reads every value of every link (0.56 s on a host with a thousand links).
     */
    public static final List<String> COMMAND = List.of("sysctl", "-r", "(ip_forward|forwarding|bridge-nf-call-.*)$",
            "net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding", "net.ipv4.conf.default.forwarding", "net.bridge");

    /** Per-link IPv4 settings, forwarding among them (IPv4 only: half the output, a thousand links read less). */
    public static final List<String> NETCONF = List.of("ip", "-4", "-j", "netconf", "show");

    /**
     * Bytes of paths in one {@link #ipv6Commands} command: over ssh a whole command travels as one argument of the
     * remote shell, which Linux caps at 128 KiB.
     */
    private static final int IPV6_CHUNK_BYTES = 64 * 1024;
    private static final String IPV6_FOLDER = "/proc/sys/net/ipv6/conf/";

    private static final String IPV6_PREFIX = "net.ipv6.conf.";

    /** The per-link switches {@link #NETCONF} and {@link #ipv6Commands} read of every link. */
    private static final List<String> IPV6_KEYS = List.of("forwarding", "accept_ra", "disable_ipv6");

    /**
     * Every link's IPv6 forwarding, accept_ra and disable_ipv6 (netconf has no accept_ra), and IPv6's {@code all}
     * and {@code default}: {@code grep -H ^} over the files named one by one, a {@code PATH:VALUE} line each, in
     * as few commands as {@link #IPV6_CHUNK_BYTES} allows. Naming them spares reading the 60-odd entries of every
     * link's folder: on the lab's 1,065 links 52-57 ms, where {@code grep -r --include=...} took 124-144 ms and
     * {@code sysctl -r PATTERN net.ipv6.conf} (which reads every value) 2.2 s. A link without IPv6 (gone since it
     * was listed, or the kernel booted with ipv6.disable=1) has no folder: grep says so and goes on.
     */
    public static List<List<String>> ipv6Commands(Collection<String> links) {
        Set<String> all = new LinkedHashSet<>(List.of("all", "default"));
        all.addAll(links);
        List<List<String>> commands = new ArrayList<>();
        List<String> argv = null;
        int bytes = 0;
        for (String link : all) {
            for (String key : IPV6_KEYS) {
                String path = IPV6_FOLDER + link + "/" + key;
                if (argv == null || bytes + path.length() + 3 > IPV6_CHUNK_BYTES) {
                    argv = new ArrayList<>(List.of("grep", "-H", "^"));
                    commands.add(argv);
                    bytes = 0;
                }
                argv.add(path);
                bytes += path.length() + 3; // quoted and spaced on a command line
            }
        }
        return commands;
    }

    /**
     * The same per-link switches as {@link #NETCONF} and {@link #ipv6Commands}, of these links alone (and IPv6's
     * {@code all} and {@code default}), named key by key in one process: on a host with a thousand links the
     * walk of net.ipv6.conf takes a second of CPU. sysctl spells a dot in a link's name as a slash; a key
     * that does not exist (a link without IPv6) is skipped with a complaint and a non-zero exit.
     */
    public static List<String> commandFor(Collection<String> links) {
        List<String> argv = new ArrayList<>(List.of("sysctl"));
        for (String link : links) {
            argv.add("net.ipv4.conf." + link.replace('.', '/') + ".forwarding");
        }
        Set<String> v6 = new LinkedHashSet<>(List.of("all", "default"));
        v6.addAll(links);
        for (String link : v6) {
            IPV6_KEYS.forEach(k -> argv.add(IPV6_PREFIX + link.replace('.', '/') + "." + k));
        }
        return argv;
    }

    private final Map<String, String> values;

    private Sysctls(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Sysctls parse(String output) {
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
            }
        }
        return new Sysctls(values);
    }

    public Optional<Boolean> flag(String key) {
        return Optional.ofNullable(values.get(key)).map(v -> !v.equals("0"));
    }

    public KernelSettings settings() {
        return new KernelSettings(flag("net.ipv4.ip_forward"), flag("net.bridge.bridge-nf-call-iptables"),
                flag("net.bridge.bridge-nf-call-ip6tables"), flag("net.bridge.bridge-nf-call-arptables"),
                linksNotForwarding(), ipv6());
    }

    /**
     * These values with the output of {@link #ipv6Commands} added, as sysctl names them (a dot in a link's name, which
     * the folder keeps, spelt as a slash; a link's name holds no slash nor colon).
     */
    public Sysctls withIpv6(String output) {
        Map<String, String> all = new HashMap<>(values);
        for (String line : output.split("\n")) {
            int colon = line.indexOf(':');
            int slash = line.lastIndexOf('/', colon);
            if (line.startsWith(IPV6_FOLDER) && colon > 0 && slash > IPV6_FOLDER.length()) {
                String link = line.substring(IPV6_FOLDER.length(), slash).replace('.', '/');
                all.put(IPV6_PREFIX + link + "." + line.substring(slash + 1, colon), line.substring(colon + 1).trim());
            }
        }
        return new Sysctls(all);
    }

    /**
     * The {@code net.ipv6.conf.NAME.*} values, one entry per name, sorted by name; sysctl writes a dot in a
     * link's name (eth0.42) as a slash.
     */
    private List<Ipv6Conf> ipv6() {
        return values.keySet().stream()
                .filter(k -> k.startsWith(IPV6_PREFIX) && k.lastIndexOf('.') > IPV6_PREFIX.length())
                .map(k -> k.substring(IPV6_PREFIX.length(), k.lastIndexOf('.'))).distinct().sorted()
                .map(key -> new Ipv6Conf(key.replace('/', '.'), flag(IPV6_PREFIX + key + ".forwarding"),
                        number(IPV6_PREFIX + key + ".accept_ra"), flag(IPV6_PREFIX + key + ".disable_ipv6")))
                .toList();
    }

    private OptionalInt number(String key) {
        String v = values.get(key);
        return v != null && v.matches("-?\\d{1,9}") ? OptionalInt.of(Integer.parseInt(v)) : OptionalInt.empty();
    }

    /**
     * Each link's IPv4 forwarding from {@code ip -j netconf show} ({@link #NETCONF}: one netlink dump, where
     * sysctl would read every value of every link), as net.ipv4.conf.LINK.forwarding values.
     */
    public Sysctls withNetconf(String json) {
        Map<String, String> all = new HashMap<>(values);
        for (JsonNode entry : JsonInput.array(json, "ip -4 -j netconf", Set.of("family", "interface", "forwarding"))) {
            if (entry.path("family").asText().equals("inet") && entry.has("interface") && entry.has("forwarding")) {
                all.put("net.ipv4.conf." + entry.get("interface").asText() + ".forwarding",
                        entry.get("forwarding").asBoolean() ? "1" : "0");
            }
        }
        return new Sysctls(all);
    }

    /** Links whose own IPv4 forwarding is off: routing what arrives on them fails. */
    public List<String> linksNotForwarding() {
        String prefix = "net.ipv4.conf.";
        return values.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith(".forwarding"))
                .filter(e -> e.getValue().equals("0"))
                .map(e -> e.getKey().substring(prefix.length(), e.getKey().length() - ".forwarding".length()))
                .filter(n -> !n.equals("all") && !n.equals("default"))
                .map(n -> n.replace('/', '.')) // as sysctl spells eth0.42 (netconf spells it with its dot)
                .sorted().toList();
    }
}
