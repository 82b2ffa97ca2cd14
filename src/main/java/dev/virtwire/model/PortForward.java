package dev.virtwire.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A port forward to a guest behind NAT: connections to the host's {@code hostPort} go to
 * {@code guestIp:guestPort}. On the host it is a DNAT rule plus the FORWARD accept it needs, both carrying
 * {@link #comment()} so that Virtwire finds its own rules again and lists them as one object.
 */
public record PortForward(String protocol, int hostPort, String guestIp, int guestPort) {
    public static final String COMMENT_PREFIX = "virtwire:fwd:";
    private static final Pattern COMMENT = Pattern.compile(
            Pattern.quote(COMMENT_PREFIX) + "(tcp|udp):(\\d{1,5}):(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");

    /** Validates: protocol tcp or udp, ports 1..65535, a plain IPv4 address. */
    public PortForward {
        protocol = protocol == null ? "" : protocol.trim().toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("'" + protocol + "' is not a protocol Virtwire forwards: use tcp or udp");
        }
        requirePort(hostPort, "host port");
        requirePort(guestPort, "guest port");
        Ipv4 ip = Ipv4.parse(guestIp);
        if (ip.prefix() != 32 || guestIp.contains("/")) {
            throw new IllegalArgumentException("'" + guestIp + "' must be a guest's address without a prefix, "
                    + "e.g. 192.168.122.10");
        }
        guestIp = ip.ip();
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(port + " is not a valid " + what + ": use 1 to 65535");
        }
    }

    /** The comment that marks both rules of this forward, e.g. {@code virtwire:fwd:tcp:8080:192.168.122.10:80}. */
    public String comment() {
        return COMMENT_PREFIX + protocol + ":" + hostPort + ":" + guestIp + ":" + guestPort;
    }

    /** The forward a rule's comment names, if it is one of Virtwire's. */
    public static Optional<PortForward> fromComment(String comment) {
        Matcher m = COMMENT.matcher(comment == null ? "" : comment.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PortForward(m.group(1), Integer.parseInt(m.group(2)), m.group(3),
                    Integer.parseInt(m.group(4))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every forward whose rules are in the firewall, each once, in rule order. */
    public static List<PortForward> in(FirewallState firewall) {
        return firewall.rules().stream().flatMap(r -> r.comment().stream()).map(PortForward::fromComment)
                .flatMap(Optional::stream).distinct().toList();
    }

    /** Every forward the firewall makes: those of Virtwire's rules ({@link #in}) and firewalld's forward ports. */
    public static List<PortForward> all(FirewallState firewall) {
        return Stream.concat(in(firewall).stream(), FirewalldForwardPorts.in(firewall).stream()
                .map(FirewalldForwardPorts.Found::forward)).distinct().toList();
    }

    /**
     * The sources the forward is for, as its DNAT rule matches them (an address, or a network as CIDR), or as a
     * firewalld rich rule's forward port names them; "" when it is for everyone. Read from the rule, whoever made
     * it: a forward limited by source is never taken for one that everyone reaches.
     */
    public static String sourceOf(FirewallState firewall, PortForward f) {
        return firewall.rules().stream().filter(r -> r.verdict().equals("DNAT"))
                .filter(r -> r.comment().filter(f.comment()::equals).isPresent())
                .map(r -> r.source().orElse("")).findFirst()
                .or(() -> FirewalldForwardPorts.in(firewall).stream().filter(x -> x.forward().equals(f))
                        .map(FirewalldForwardPorts.Found::from).findFirst()).orElse("");
    }

    /** A source as Virtwire writes and compares it: one host without its "/32" (iptables-save adds it). */
    public static String source(String from) {
        return FirewallRule.address(from);
    }

    /** How the user sees it: {@code tcp 8080 -> 192.168.122.10:80}. */
    public String describe() {
        return protocol + " " + hostPort + " -> " + guestIp + ":" + guestPort;
    }
}
