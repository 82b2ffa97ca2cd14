package dev.virtwire.host;

import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.ForwardAccept;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link ForwardAccept} is written: two rules at the head of its chain, the "in" rule first. iptables
 * (legacy or nf_tables): in FORWARD or DOCKER-USER; nftables: in the base chain that drops, by
 * {@code nft insert rule}. Used by real hosts to run, by the simulated host to pretend, and by previews to show.
 */
public final class ForwardAcceptRules {

    private ForwardAcceptRules() {
    }

    /** The argv that add the accept; the "in" rule ends up first. */
    public static List<List<String>> addCommands(ForwardAccept a) {
        if (a.nftables()) {
            return List.of(nft("insert", a, replies(a)), nft("insert", a, incoming(a)));
        }
        return List.of(iptables("-I", a.chain(), iptablesReplies(a)), iptables("-I", a.chain(), iptablesIncoming(a)));
    }

    /**
     * The argv that remove it. nftables deletes by handle, which only a listing at run time knows: the first
     * command lists the chain with handles, the next stands for each rule that carries the comment.
     */
    public static List<List<String>> removeCommands(ForwardAccept a) {
        if (a.nftables()) {
            List<String> list = new ArrayList<>(List.of("nft", "-a", "list", "chain"));
            list.addAll(place(a));
            return List.of(List.copyOf(list), nft("delete", a, List.of("handle", "<handle of \"" + a.comment() + "\">")));
        }
        return List.of(iptables("-D", a.chain(), iptablesIncoming(a)), iptables("-D", a.chain(), iptablesReplies(a)));
    }

    /** The rules as the firewall reader lists them afterwards, in order. */
    public static List<FirewallRule> rules(ForwardAccept a) {
        if (a.nftables()) {
            return List.of(rule(a, Optional.of(a.bridge()), Optional.empty(), String.join(" ", incoming(a))),
                    rule(a, Optional.empty(), Optional.of(a.bridge()), String.join(" ", replies(a))));
        }
        return List.of(rule(a, Optional.of(a.bridge()), Optional.empty(), "-A " + a.chain() + " -i " + a.bridge()
                        + " -m comment --comment " + a.comment() + " -j ACCEPT"),
                rule(a, Optional.empty(), Optional.of(a.bridge()), "-A " + a.chain() + " -o " + a.bridge()
                        + " -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment " + a.comment()
                        + " -j ACCEPT"));
    }

    /** Refuses backends whose rules Virtwire does not write, saying what to do instead. */
    public static void requireWritable(FirewallBackend backend, String bridge) {
        if (!backend.iptables() && backend != FirewallBackend.NFTABLES) {
            throw new HostException("the host's firewall backend is " + backend.json() + ": Virtwire writes this "
                    + "accept with iptables or nftables only; install one of them, or let " + bridge
                    + "'s traffic through the tool that filters it");
        }
    }

    /** "family table chain" of an nftables accept, as three words. */
    public static List<String> place(ForwardAccept a) {
        String[] familyTable = a.table().split(" ", 2);
        return List.of(familyTable[0], familyTable[1], a.chain());
    }

    private static List<String> incoming(ForwardAccept a) {
        return List.of("iifname", a.bridge(), "accept", "comment", "\"" + a.comment() + "\"");
    }

    private static List<String> replies(ForwardAccept a) {
        return List.of("oifname", a.bridge(), "ct", "state", "established,related", "accept", "comment",
                "\"" + a.comment() + "\"");
    }

    private static List<String> nft(String action, ForwardAccept a, List<String> spec) {
        List<String> argv = new ArrayList<>(List.of("nft", action, "rule"));
        argv.addAll(place(a));
        argv.addAll(spec);
        return List.copyOf(argv);
    }

    private static List<String> iptablesIncoming(ForwardAccept a) {
        return List.of("-i", a.bridge(), "-m", "comment", "--comment", a.comment(), "-j", "ACCEPT");
    }

    private static List<String> iptablesReplies(ForwardAccept a) {
        return List.of("-o", a.bridge(), "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-m", "comment",
                "--comment", a.comment(), "-j", "ACCEPT");
    }

    private static List<String> iptables(String action, String chain, List<String> spec) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-t", "filter", action, chain));
        argv.addAll(spec);
        return List.copyOf(argv);
    }

    private static FirewallRule rule(ForwardAccept a, Optional<String> in, Optional<String> out, String text) {
        return new FirewallRule(a.table(), a.chain(), "ACCEPT", Optional.empty(), Optional.empty(), in, out,
                Optional.of(a.comment()), text);
    }
}
