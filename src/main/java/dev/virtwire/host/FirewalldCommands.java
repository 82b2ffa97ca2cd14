package dev.virtwire.host;

import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.PortForward;
import java.util.ArrayList;
import java.util.List;

/**
 * firewall-cmd's argv for what Virtwire changes in firewalld, each at run time and in the permanent
 * configuration (so that it stays after {@code firewall-cmd --reload} and a reboot): an interface in a zone, a
 * port forward in a zone, and the forward's accept ahead of libvirt's reject. Previews show exactly these and the
 * real host runs them.
 */
public final class FirewalldCommands {
    /** libvirt's chain that rejects new connections into a NAT network (libvirt before 10, iptables rules). */
    public static final String LIBVIRT_FWI = "LIBVIRT_FWI";

    /** firewalld's permanent direct rules, which {@code firewall-cmd --permanent --direct} writes. */
    public static final String DIRECT_FILE = "/etc/firewalld/direct.xml";

    private FirewalldCommands() {
    }

    /** The zone's permanent file, which {@code firewall-cmd --permanent --zone=ZONE} writes (/usr/lib's is the package's). */
    public static String zoneFile(String zone) {
        return "/etc/firewalld/zones/" + zone + ".xml";
    }

    /** The copy firewalld keeps of a permanent file's previous text each time it rewrites the file. */
    public static String backupOf(String file) {
        return file + ".old";
    }

    /** A policy's permanent file, which {@code firewall-cmd --permanent --policy=NAME} writes. */
    public static String policyFile(String policy) {
        return "/etc/firewalld/policies/" + policy + ".xml";
    }

    /**
     * What lists the permanent settings those files hold: the zone's (when given) and the direct rules' (when
     * {@code direct}), as firewalld itself prints them.
     */
    public static List<List<String>> permanentListing(java.util.Optional<String> zone, boolean direct) {
        return permanentListing(zone, java.util.Optional.empty(), direct);
    }

    /** As above, with the policy's settings (when given) after the zone's. */
    public static List<List<String>> permanentListing(java.util.Optional<String> zone,
                                                      java.util.Optional<String> policy, boolean direct) {
        List<List<String>> out = new ArrayList<>();
        zone.ifPresent(z -> out.add(List.of("firewall-cmd", "--permanent", "--zone=" + z, "--list-all")));
        policy.ifPresent(p -> out.add(List.of("firewall-cmd", "--permanent", "--policy=" + p, "--list-all")));
        if (direct) {
            for (String what : List.of("--get-all-chains", "--get-all-rules", "--get-all-passthroughs")) {
                out.add(List.of("firewall-cmd", "--permanent", "--direct", what));
            }
        }
        return List.copyOf(out);
    }

    public static List<List<String>> setZone(String link, String zone, boolean present) {
        String action = (present ? "--add-interface=" : "--remove-interface=") + link;
        return List.of(List.of("firewall-cmd", "--zone=" + zone, action),
                List.of("firewall-cmd", "--permanent", "--zone=" + zone, action));
    }

    /**
     * The forward port for connections from {@code from} only: a rich rule in the zone (firewalld's forward ports
     * take no source).
     */
    public static List<List<String>> richForwardPort(String zone, PortForward f, String from, boolean present) {
        return richRule("--zone=" + zone, dev.virtwire.model.FirewalldRichRule.forwardPort(f, from), present);
    }

    /** A rich rule in a policy (firewalld 0.9 and later), at run time and permanently. */
    public static List<List<String>> policyRichRule(String policy, String rule, boolean present) {
        return richRule("--policy=" + policy, rule, present);
    }

    private static List<List<String>> richRule(String where, String rule, boolean present) {
        String action = (present ? "--add-rich-rule=" : "--remove-rich-rule=") + rule;
        return List.of(List.of("firewall-cmd", where, action), List.of("firewall-cmd", "--permanent", where, action));
    }

    /** As {@link #forwardPort(String, PortForward, boolean)}, for connections from {@code from} only when given. */
    public static List<List<String>> forwardPort(String zone, PortForward f, String from, boolean present) {
        return from.isEmpty() ? forwardPort(zone, f, present) : richForwardPort(zone, f, from, present);
    }

    /** The forward port (firewalld's DNAT) in the zone the LAN's packets come in by. */
    public static List<List<String>> forwardPort(String zone, PortForward f, boolean present) {
        String action = (present ? "--add-forward-port=" : "--remove-forward-port=") + FirewalldForwardPorts.spec(f);
        return List.of(List.of("firewall-cmd", "--zone=" + zone, action),
                List.of("firewall-cmd", "--permanent", "--zone=" + zone, action));
    }

    /**
     * The forward's accept through firewalld's direct interface, at the head of iptables' FORWARD (firewalld's
     * own table lets DNATed connections through; libvirt's LIBVIRT_FWI, in iptables' filter table, rejects them).
     */
    public static List<List<String>> directAccept(PortForward f, String bridge, boolean present) {
        List<String> rule = new ArrayList<>(List.of(present ? "--add-rule" : "--remove-rule", "ipv4", "filter",
                "FORWARD", "0"));
        rule.addAll(PortForwardRules.acceptSpec(f, bridge));
        return List.of(direct(false, rule), direct(true, rule));
    }

    /** The accept's commands, with libvirt's jump's after them when adding and before them when removing. */
    public static List<List<String>> accept(PortForward f, String bridge, boolean present, boolean libvirtJump) {
        List<List<String>> out = new ArrayList<>(directAccept(f, bridge, present));
        if (libvirtJump) {
            out.addAll(present ? out.size() : 0, libvirtJump(present));
        }
        return List.copyOf(out);
    }

    /**
     * libvirt's jump to LIBVIRT_FWI (and its chain) kept in firewalld's permanent direct rules, after the
     * forwards' accepts: firewalld's reload and a boot flush iptables' tables and libvirt then adds its jumps at
     * the head of FORWARD, ahead of any accept, unless it finds them there already. Permanent only: at run time
     * libvirt's own jump is there.
     */
    public static List<List<String>> libvirtJump(boolean present) {
        List<String> chain = direct(true, List.of(present ? "--add-chain" : "--remove-chain", "ipv4", "filter",
                LIBVIRT_FWI));
        List<String> jump = direct(true, List.of(present ? "--add-rule" : "--remove-rule", "ipv4", "filter",
                "FORWARD", "1", "-j", LIBVIRT_FWI));
        return present ? List.of(chain, jump) : List.of(jump, chain);
    }

    private static List<String> direct(boolean permanent, List<String> rest) {
        List<String> argv = new ArrayList<>(List.of("firewall-cmd"));
        if (permanent) {
            argv.add("--permanent");
        }
        argv.add("--direct");
        argv.addAll(rest);
        return List.copyOf(argv);
    }
}
