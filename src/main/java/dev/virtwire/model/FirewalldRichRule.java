package dev.virtwire.model;

import java.util.Objects;

/**
 * One of firewalld's rich rules as {@code firewall-cmd --list-all-zones}/{@code --list-all-policies} prints it
 * (firewalld's own normalised spelling, e.g. {@code rule family="ipv4" source address="10.0.0.0/8" accept}).
 *
 * @param running whether the run-time configuration has it
 * @param saved   whether the permanent configuration has it (there after {@code firewall-cmd --reload} and a reboot)
 */
public record FirewalldRichRule(String rule, boolean running, boolean saved) {
    public FirewalldRichRule {
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * A forward port for connections from {@code from} only, as firewalld spells it back: {@code rule
     * family="ipv4" source address="10.0.0.0/8" forward-port port="8080" protocol="tcp" to-port="80"
     * to-addr="192.168.122.10"}.
     */
    public static String forwardPort(PortForward f, String from) {
        return "rule family=\"ipv4\" source address=\"" + from + "\" forward-port port=\"" + f.hostPort()
                + "\" protocol=\"" + f.protocol() + "\" to-port=\"" + f.guestPort() + "\" to-addr=\"" + f.guestIp()
                + "\"";
    }

    /** What lets traffic from the addresses through where the rule sits: {@code rule family="ipv4" source address="…" accept}. */
    public static String acceptFrom(String source) {
        return "rule family=\"ipv4\" source address=\"" + source + "\" accept";
    }

    /** The rule's action: accept, reject, drop or mark; "" for a rule that only logs, audits or forwards a port. */
    public String action() {
        for (String action : java.util.List.of("accept", "reject", "drop", "mark")) {
            if (rule.matches(".*\\s" + action + "(\\s.*)?$")) {
                return action;
            }
        }
        return "";
    }
}
