package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.PortForward;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Virtwire's own libvirt network hook, {@code /etc/libvirt/hooks/network.d/virtwire}: libvirt runs it with
 * {@code NETWORK OPERATION SUBOPERATION -} (the network's XML on stdin) and, once a network has started (after it
 * made the network's firewall rules, at boot too) and whenever a guest's port is made on it, the hook puts back
 * the port forwards saved for that network, with the commands Virtwire runs live
 * ({@link PortForwardRules#addCommands}), the accept ahead of libvirt's reject. The port's turn ("port-created")
 * is what brings a forward back after a libvirtd restart, which runs the hook for each running guest's port, never
 * "started" (after an nftables service's reload flushed the ruleset, libvirt 9.0 ran it before making its chains
 * again: the hook then makes libvirt's LIBVIRT_FWI and its jump, behind the accept, so libvirt adds no jump ahead
 * of it; see the README). A plain
 * {@code /bin/sh} script, generated whole from validated values, each word single-quoted; it reads nothing at run
 * time but its arguments, and always
 * exits 0 (a failing "started" or "port-created" hook would make libvirt stop the network or refuse the guest's
 * NIC). Its saved forwards are also comment lines ({@code # saved: ...}) from which the next plan reads them
 * back, and {@code # made: DIR} names the directories its first write made, which go with it.
 */
public final class NetworkHook {
    public static final String DIR = "/etc/libvirt/hooks/network.d";
    public static final String PATH = DIR + "/virtwire";
    /** What a plan makes when they are missing, parent first. */
    public static final List<String> DIRS = List.of("/etc/libvirt/hooks", DIR);
    static final String FIRST_LINE = "#!/bin/sh";
    static final String MARK = "# Virtwire's libvirt network hook";
    private static final String SAVED = "# saved: ";
    private static final String MADE = "# made: ";
    /** libvirt 9's chain that rejects new connections into its NAT networks, jumped to from FORWARD. */
    private static final String LIBVIRT_REJECTS = "LIBVIRT_FWI";
    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
    /** A source as the planner passes it on (checked there): an IPv4 address or network, or none. */
    private static final Pattern SOURCE = Pattern.compile("|[0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?");

    private NetworkHook() {
    }

    /**
     * One forward the hook puts back when its network starts, written with the backend it runs on; {@code from} is
     * the source it is limited to ({@code forward add --from}), or empty for everyone.
     */
    public record Saved(FirewallBackend backend, String network, String bridge, PortForward forward, String from) {
        public Saved {
            if (backend != FirewallBackend.NFTABLES && backend != FirewallBackend.IPTABLES_NFT
                    && backend != FirewallBackend.IPTABLES_LEGACY) {
                throw new IllegalArgumentException("the hook saves forwards on nftables or iptables, not "
                        + backend.json());
            }
            if (network == null || !NETWORK.matcher(network).matches()) {
                throw new IllegalArgumentException("network name '" + network + "' cannot be saved in Virtwire's "
                        + "network hook: it takes 1 to 64 letters, digits, '_', '.', '+' or '-', not first");
            }
            if (bridge == null || !BRIDGE.matcher(bridge).matches()) {
                throw new IllegalArgumentException("bridge name '" + bridge + "' cannot be saved in Virtwire's "
                        + "network hook: it takes 1 to 15 letters, digits, '_', '.' or '-', not first");
            }
            if (from == null || !SOURCE.matcher(from).matches()) {
                throw new IllegalArgumentException("source '" + from + "' cannot be saved in Virtwire's network hook: "
                        + "it takes an IPv4 address or network (10.0.0.5, 10.0.0.0/24), or none");
            }
        }

        String line() {
            return SAVED + (backend == FirewallBackend.NFTABLES ? "nftables" : "iptables") + " " + network + " "
                    + bridge + " " + forward.comment() + (from.isEmpty() ? "" : " " + from);
        }
    }

    /** Whether this text is a hook Virtwire wrote (another program's, or the user's, is never rewritten). */
    public static boolean isVirtwires(String text) {
        return text.startsWith(FIRST_LINE + "\n" + MARK);
    }

    /** The forwards a hook of Virtwire's saves, in its order; none for any other text. */
    public static List<Saved> saved(String text) {
        if (!isVirtwires(text)) {
            return List.of();
        }
        List<Saved> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(SAVED)) {
                continue;
            }
            String[] w = line.substring(SAVED.length()).split(" ");
            // a fifth word is the source the forward is limited to
            Optional<PortForward> f = w.length == 4 || w.length == 5 ? PortForward.fromComment(w[3])
                    : Optional.empty();
            if (f.isEmpty() || (w.length == 5 && !SOURCE.matcher(w[4]).matches())) {
                continue;
            }
            out.add(new Saved(w[0].equals("nftables") ? FirewallBackend.NFTABLES : FirewallBackend.IPTABLES_NFT,
                    w[1], w[2], f.get(), w.length == 5 ? w[4] : ""));
        }
        return List.copyOf(out);
    }

    /** The directories a hook of Virtwire's says its first write made. */
    public static List<String> made(String text) {
        return !isVirtwires(text) ? List.of() : text.lines().filter(l -> l.startsWith(MADE))
                .map(l -> l.substring(MADE.length())).filter(DIRS::contains).toList();
    }

    /** The hook that puts back {@code forwards} (mode 755, root), naming the directories its first write made. */
    public static ConfigFile file(List<Saved> forwards, List<String> made) {
        return new ConfigFile(PATH, text(forwards, made), "755", "root", "root");
    }

    static String text(List<Saved> forwards, List<String> made) {
        StringBuilder s = new StringBuilder(FIRST_LINE + "\n");
        s.append(MARK).append(": virtwire forward add and remove write it, undo puts back what was here.\n")
                .append("# libvirt runs it as: network.d/virtwire NETWORK OPERATION SUBOPERATION - (the network's XML\n")
                .append("# on stdin). Once a network has started, and whenever a guest's port is made on it (at the\n")
                .append("# guest's start, and for every running guest when libvirtd starts again), libvirt has made its\n")
                .append("# firewall rules: the port forwards saved for that network go back with the commands Virtwire\n")
                .append("# runs live, each accept ahead of libvirt's reject. It always exits 0: a failing hook would make\n")
                .append("# libvirt stop the network or refuse the guest's NIC.\n");
        forwards.forEach(f -> s.append(f.line()).append('\n'));
        made.forEach(d -> s.append(MADE).append(d).append('\n'));
        s.append("cat >/dev/null\n")
                .append("case \"$2\" in started | port-created) ;; *) exit 0 ;; esac\n")
                .append("failed=\n")
                .append("case \"$1\" in\n");
        Map<String, List<Saved>> byNetwork = new LinkedHashMap<>();
        forwards.forEach(f -> byNetwork.computeIfAbsent(f.network(), n -> new ArrayList<>()).add(f));
        byNetwork.forEach((network, saved) -> {
            s.append(quote(network)).append(")\n");
            saved.forEach(f -> commands(f).forEach(c -> s.append("    ").append(c).append('\n')));
            s.append("    ;;\n");
        });
        s.append("esac\n")
                .append("[ -z \"$failed\" ] || echo \"virtwire hook: a port forward saved for network $1 could not be "
                        + "put back\" >&2\n")
                .append("exit 0\n");
        return s.toString();
    }

    /** The shell lines that put one forward back, unless its rules are there; its accept always at the head. */
    static List<String> commands(Saved f) {
        List<List<String>> add = PortForwardRules.addCommands(f.backend(), f.forward(), f.bridge(), f.from());
        List<String> out = new ArrayList<>();
        if (f.backend() == FirewallBackend.NFTABLES) {
            // add table, add chain: nft makes them only when missing
            out.add(line(add.get(0)) + " || failed=1");
            out.add(line(add.get(1)) + " || failed=1");
            String marked = quote("comment \"" + f.forward().comment() + "\"");
            out.add("nft list chain ip " + PortForwardRules.NFT_TABLE + " prerouting | grep -qF " + marked + " || "
                    + line(add.get(2)) + " || failed=1");
            // libvirt may have put its reject ahead of the accept: the accept goes (by handle) and comes back first
            out.add("for h in $(nft -a list chain ip libvirt_network guest_input 2>/dev/null | sed -n "
                    + quote("s/.*comment \"" + f.forward().comment() + "\" # handle \\([0-9]*\\)$/\\1/p") + "); do "
                    + "nft delete rule ip libvirt_network guest_input handle \"$h\"; done");
            out.add(line(add.get(3)) + " || failed=1");
            return out;
        }
        List<String> dnat = add.get(0);
        List<String> accept = add.get(1);
        out.add(line(with(dnat, "-A", "-C")) + " 2>/dev/null || " + line(dnat) + " || failed=1");
        // no LIBVIRT_FWI at all: a reload flushed libvirt's rules and libvirtd, starting again, runs this before it
        // makes them. Its chain and jump made now, behind the accept, libvirt finds them and inserts no jump ahead
        out.add(line(List.of("iptables", "-w", "-t", "filter", "-n", "-L", LIBVIRT_REJECTS)) + " >/dev/null 2>&1 || { "
                + line(List.of("iptables", "-w", "-t", "filter", "-N", LIBVIRT_REJECTS)) + " && "
                + line(List.of("iptables", "-w", "-t", "filter", "-I", PortForwardRules.ACCEPT_CHAIN, "-j",
                        LIBVIRT_REJECTS)) + "; } || failed=1");
        out.add("while " + line(with(accept, "-I", "-D")) + " 2>/dev/null; do :; done");
        out.add(line(accept) + " || failed=1");
        return out;
    }

    private static List<String> with(List<String> argv, String from, String to) {
        List<String> out = new ArrayList<>(argv);
        out.set(out.indexOf(from), to);
        return out;
    }

    private static String line(List<String> argv) {
        return String.join(" ", argv.stream().map(NetworkHook::quote).toList());
    }

    /** One word for sh: plain words as they are, any other in single quotes (a quote in it closed and escaped). */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=,+-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
