package dev.virtwire.host;

import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.ForwardAccept;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link ForwardAccept} is written: two iptables rules at the head of its chain. iptables (legacy or
 * nf_tables) only: that is where Docker's and libvirt's FORWARD rules live. Used by real hosts to run, by
 * the simulated host to pretend, and by previews to show.
 */
public final class ForwardAcceptRules {

    private ForwardAcceptRules() {
    }

    /** The argv that add the accept; the "in" rule ends up first. */
    public static List<List<String>> addCommands(ForwardAccept a) {
        return List.of(iptables("-I", a.chain(), replies(a)), iptables("-I", a.chain(), incoming(a)));
    }

    /** The argv that remove it. */
    public static List<List<String>> removeCommands(ForwardAccept a) {
        return List.of(iptables("-D", a.chain(), incoming(a)), iptables("-D", a.chain(), replies(a)));
    }

    /** The rules as iptables-save lists them afterwards, in order. */
    public static List<FirewallRule> rules(ForwardAccept a) {
        return List.of(rule(a, Optional.of(a.bridge()), Optional.empty(), "-A " + a.chain() + " -i " + a.bridge()
                        + " -m comment --comment " + a.comment() + " -j ACCEPT"),
                rule(a, Optional.empty(), Optional.of(a.bridge()), "-A " + a.chain() + " -o " + a.bridge()
                        + " -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment " + a.comment()
                        + " -j ACCEPT"));
    }

    /** Refuses backends whose rules Virtwire does not write this way, saying what to do instead. */
    public static void requireIptables(FirewallBackend backend, String bridge) {
        if (!backend.iptables()) {
            throw new HostException("the host's firewall backend is " + backend.json() + ": Virtwire writes this "
                    + "accept with iptables only; add 'iifname " + bridge + " accept' to the nftables chain that "
                    + "drops the traffic instead");
        }
    }

    private static List<String> incoming(ForwardAccept a) {
        return List.of("-i", a.bridge(), "-m", "comment", "--comment", a.comment(), "-j", "ACCEPT");
    }

    private static List<String> replies(ForwardAccept a) {
        return List.of("-o", a.bridge(), "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-m", "comment",
                "--comment", a.comment(), "-j", "ACCEPT");
    }

    private static List<String> iptables(String action, String chain, List<String> spec) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", "filter", action, chain));
        argv.addAll(spec);
        return List.copyOf(argv);
    }

    private static FirewallRule rule(ForwardAccept a, Optional<String> in, Optional<String> out, String text) {
        return new FirewallRule("filter", a.chain(), "ACCEPT", Optional.empty(), Optional.empty(), in, out,
                Optional.of(a.comment()), text);
    }
}
