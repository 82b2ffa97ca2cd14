package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What FirewalldLabTest reads of the lab host's firewalld, g1 and the LAN host, in the forms it compares. */
final class FirewalldLabHost {
    static final String FORWARDED_PORT = "18083";
    static final String PAGE = "virtwire-firewalld-fwd-ok";

    private final Lab lab;

    FirewalldLabHost(Lab lab) {
        this.lab = lab;
    }

    /** firewalld's policies as it lists them, at run time and permanent. */
    String policies() {
        CommandResult running = lab.exec("firewall-cmd", "--list-all-policies");
        CommandResult saved = lab.exec("firewall-cmd", "--permanent", "--list-all-policies");
        assertTrue(running.ok(), running::describe);
        assertTrue(saved.ok(), saved::describe);
        return running.stdout() + "\n--permanent:\n" + saved.stdout();
    }

    void startWebServer() {
        CommandResult httpd = lab.serveFromGuest("g1", PAGE);
        assertTrue(httpd.ok(), httpd::describe);
    }

    boolean lanReachesGuest() {
        return lab.lanHostGets(FORWARDED_PORT, PAGE);
    }

    /** firewalld's zones and policies as it lists them (run time and permanent) and its permanent direct rules. */
    String firewalldListing() {
        StringBuilder out = new StringBuilder();
        for (List<String> argv : List.of(List.of("--list-all-zones"), List.of("--list-all-policies"),
                List.of("--permanent", "--list-all-zones"), List.of("--permanent", "--list-all-policies"),
                List.of("--permanent", "--direct", "--get-all-chains"),
                List.of("--permanent", "--direct", "--get-all-rules"))) {
            List<String> command = new ArrayList<>(List.of("firewall-cmd"));
            command.addAll(argv);
            CommandResult listed = lab.exec(command.toArray(String[]::new));
            assertTrue(listed.ok(), listed::describe);
            out.append(String.join(" ", command)).append('\n').append(interfacesSorted(listed.stdout()));
        }
        return out.toString();
    }

    /**
     * A listing with each zone's interfaces in name order: libvirt puts its bridges back into its zones in an
     * order of its own after a reload or a restart (Fedora's shape), which says nothing about what Virtwire left.
     */
    private static String interfacesSorted(String listing) {
        return listing.lines().map(line -> {
            String head = "  interfaces:";
            if (!line.startsWith(head)) {
                return line;
            }
            return head + new TreeSet<>(List.of(line.substring(head.length()).strip().split("\\s+"))).stream()
                    .map(i -> " " + i).reduce("", String::concat);
        }).reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append).toString();
    }

    /** Every file under /etc/firewalld (firewalld's .old copies too): its path, mode, owner and SHA-256. */
    String permanentFiles() {
        CommandResult owned = lab.exec("find", "/etc/firewalld", "-type", "f", "-printf", "%p %m %u:%g\\n");
        assertTrue(owned.ok(), owned::describe);
        CommandResult sums = lab.exec("find", "/etc/firewalld", "-type", "f", "-exec", "sha256sum", "{}", "+");
        assertTrue(sums.ok(), sums::describe);
        return String.join("\n", new TreeSet<>(owned.stdout().lines().toList())) + "\n"
                + String.join("\n", new TreeSet<>(sums.stdout().lines().toList()));
    }

    /** What the lab host's firewall looks like, for a failure's message. */
    String firewalldState() {
        return String.join("\n", lab.exec("firewall-cmd", "--get-active-zones").describe(),
                lab.exec("firewall-cmd", "--list-forward-ports").describe(),
                lab.exec("firewall-cmd", "--direct", "--get-all-rules").describe(),
                lab.exec("nft", "list", "chain", "inet", "firewalld", "filter_FORWARD_ZONES").describe(),
                lab.exec("iptables-save").describe(), lab.exec("sysctl", "net.ipv4.ip_forward").describe());
    }

    boolean reachesInternet() {
        return lab.guestExec("g1", "ping", "-c", "1", "-W", "2", lab.internet()).ok();
    }
}
