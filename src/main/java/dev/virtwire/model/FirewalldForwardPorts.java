package dev.virtwire.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * firewalld's forward ports as its nftables table shows them at run time: {@code firewall-cmd --zone=Z
 * --add-forward-port=port=P:proto=tcp:toport=GP:toaddr=IP} is the rule {@code meta nfproto ipv4 tcp dport P dnat
 * to IP:GP} in {@code inet firewalld/nat_PRE_Z_allow}; which zone gets a packet is decided in
 * {@code nat_PREROUTING_ZONES} (a rule per interface given a zone, the default zone's rule names none).
 */
public final class FirewalldForwardPorts {
    private static final String DISPATCH = "nat_PREROUTING_ZONES";
    /** A zone's chain; a policy's ({@code nat_PRE_policy_NAME_allow}) is no zone's. */
    private static final Pattern ZONE_CHAIN = Pattern.compile("nat_PRE_(?!policy_)(.+)_allow");
    private static final Pattern DNAT = Pattern.compile(
            "(?:^|\\s)(tcp|udp) dport (\\d{1,5}) dnat (?:ip )?to (\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})$");
    /** A rich rule's forward port for some sources only: {@code ip saddr 10.0.0.0/8 tcp dport 8080 dnat ip to …}. */
    private static final Pattern FROM = Pattern.compile("(?:^|\\s)ip saddr (\\d{1,3}(?:\\.\\d{1,3}){3}(?:/\\d{1,2})?) ");
    /** firewalld's own limit on a zone's name (its chain names must fit iptables' 28 characters). */
    public static final int ZONE_NAME_MAX = 17;
    private static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z0-9_-]{1," + ZONE_NAME_MAX + "}");

    /**
     * A forward port of firewalld's and the zone it is in.
     *
     * @param from the sources a rich rule's forward port is for ("" for a forward port for everyone), one host as a
     *             plain address, as every forward's source
     */
    public record Found(PortForward forward, String zone, String from) {
        public Found {
            from = PortForward.source(from);
        }

        public Found(PortForward forward, String zone) {
            this(forward, zone, "");
        }
    }

    private FirewalldForwardPorts() {
    }

    /** Every IPv4 forward port to an address, in rule order (redirects to a local port are not forwards). */
    public static List<Found> in(FirewallState firewall) {
        return firewall.rules().stream().filter(r -> r.table().equals(FirewalldZones.TABLE))
                .filter(r -> r.verdict().equals("DNAT")).flatMap(r -> {
                    Matcher chain = ZONE_CHAIN.matcher(r.chain());
                    Matcher dnat = DNAT.matcher(r.text());
                    if (!chain.matches() || !dnat.find()) {
                        return java.util.stream.Stream.empty();
                    }
                    Matcher from = FROM.matcher(r.text());
                    try {
                        return java.util.stream.Stream.of(new Found(new PortForward(dnat.group(1),
                                Integer.parseInt(dnat.group(2)), dnat.group(3), Integer.parseInt(dnat.group(4))),
                                chain.group(1), from.find() ? from.group(1) : ""));
                    } catch (IllegalArgumentException e) {
                        return java.util.stream.Stream.empty();
                    }
                }).toList();
    }

    /** The zone that gets packets coming in by the link: its own, else the default zone; empty without firewalld. */
    public static Optional<String> zoneOf(FirewallState firewall, String link) {
        List<FirewallRule> dispatch = dispatch(firewall);
        Optional<FirewallRule> own = dispatch.stream().filter(r -> r.inInterface().filter(link::equals).isPresent())
                .findFirst();
        return own.or(() -> dispatch.stream().filter(r -> r.inInterface().isEmpty() && r.source().isEmpty())
                .findFirst()).map(r -> r.verdict().substring("nat_PRE_".length()));
    }

    /** The zones firewalld sends incoming packets to (those a forward port can be in and be used). */
    public static List<String> activeZones(FirewallState firewall) {
        return dispatch(firewall).stream().map(r -> r.verdict().substring("nat_PRE_".length())).distinct().toList();
    }

    /** The rules of {@code nat_PREROUTING_ZONES} that send packets on to a zone's chain. */
    private static List<FirewallRule> dispatch(FirewallState firewall) {
        return firewall.rules().stream().filter(r -> r.table().equals(FirewalldZones.TABLE)
                && r.chain().equals(DISPATCH) && r.verdict().startsWith("nat_PRE_")).toList();
    }

    /**
     * The forwards' accepts at the head of iptables' FORWARD (firewalld's direct rules), each with its forward's
     * comment and the guest's bridge as its outgoing interface.
     */
    public static List<FirewallRule> accepts(FirewallState firewall) {
        return firewall.rules().stream().filter(r -> r.table().equals("filter") && r.chain().equals("FORWARD")
                && r.verdict().equals("ACCEPT") && r.comment().flatMap(PortForward::fromComment).isPresent()
                && r.outInterface().isPresent()).toList();
    }

    /** Why the text is not a firewalld zone name; empty when it is one. */
    public static Optional<String> whyNotAZoneName(String zone) {
        if (zone == null || !ZONE_NAME.matcher(zone).matches()) {
            return Optional.of("'" + zone + "' is not a firewalld zone name: 1 to " + ZONE_NAME_MAX
                    + " letters, digits, '_' or '-' (e.g. public)");
        }
        return Optional.empty();
    }

    /**
     * Why the text is not the sources a forward can be restricted to (an IPv4 address, or a network by its own
     * address and prefix, as firewalld lists it back); empty when it is.
     */
    public static Optional<String> whyNotASource(String from) {
        Optional<Ipv4> parsed = Ipv4.tryParse(from == null ? "" : from.strip());
        if (parsed.isEmpty()) {
            return Optional.of("'" + from + "' is not an IPv4 address or network to forward from: e.g. 10.77.0.0/24, "
                    + "or 10.77.0.10 for one host");
        }
        Ipv4 a = parsed.get();
        if (from.contains("/") && a.prefix() == 0) {
            return Optional.of("'" + from + "' is every address: leave --from out to forward for everyone");
        }
        if (from.contains("/") && a.network().address() != a.address()) {
            return Optional.of("'" + from + "' is not a network's own address: give " + a.network() + " (or "
                    + a.ip() + " for that host alone)");
        }
        return Optional.empty();
    }

    /** The rule firewalld's table lists once the forward port is in the zone (as the reader gives it). */
    public static FirewallRule rule(PortForward f, String zone) {
        return new FirewallRule(FirewalldZones.TABLE, "nat_PRE_" + zone + "_allow", "DNAT", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "meta nfproto ipv4 "
                + f.protocol() + " dport " + f.hostPort() + " dnat to " + f.guestIp() + ":" + f.guestPort());
    }

    /** The rule firewalld's table lists once a rich rule forwards the port for {@code from} only. */
    public static FirewallRule rule(PortForward f, String zone, String from) {
        if (from.isEmpty()) {
            return rule(f, zone);
        }
        return new FirewallRule(FirewalldZones.TABLE, "nat_PRE_" + zone + "_allow", "DNAT", Optional.of(from),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "ip saddr " + from + " "
                + f.protocol() + " dport " + f.hostPort() + " dnat ip to " + f.guestIp() + ":" + f.guestPort());
    }

    /** firewall-cmd's spelling of the forward: {@code port=8080:proto=tcp:toport=80:toaddr=192.168.122.10}. */
    public static String spec(PortForward f) {
        return "port=" + f.hostPort() + ":proto=" + f.protocol() + ":toport=" + f.guestPort() + ":toaddr="
                + f.guestIp();
    }
}
