package dev.virtwire.host;

import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.FirewallChain;
import dev.virtwire.model.FirewallRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link DockerAcceptMark} is written: Virtwire's {@code inet virtwire} table with its base chain at the
 * forward hook, priority {@code filter - 1} (before Docker's chains at {@code filter}), and one rule per bridge
 * that sets Docker's accept mark on what comes in by the bridge. Adding the table and chain is idempotent in nft.
 * Used by real hosts to run, by the simulated host to pretend, and by previews to show.
 */
public final class DockerAcceptMarkRules {
    private static final List<String> TABLE = List.of("inet", "virtwire");

    private DockerAcceptMarkRules() {
    }

    /** The argv that make the table and chain (where missing) and add the bridge's marking rule. */
    public static List<List<String>> addCommands(DockerAcceptMark m) {
        List<String> chain = new ArrayList<>(nft("add", "chain"));
        chain.add(DockerAcceptMark.CHAIN);
        chain.addAll(List.of("{", "type", "filter", "hook", "forward", "priority",
                String.valueOf(DockerAcceptMark.PRIORITY), ";", "policy", "accept", ";", "}"));
        List<String> rule = new ArrayList<>(nft("add", "rule"));
        rule.add(DockerAcceptMark.CHAIN);
        rule.addAll(spec(m));
        return List.of(nft("add", "table"), List.copyOf(chain), List.copyOf(rule));
    }

    /**
     * The argv that remove it: nftables deletes by handle, which only a listing at run time knows (the second
     * command stands for the rule that carries the comment); then the chain and the table where nothing else of
     * Virtwire's is in them.
     */
    public static List<List<String>> removeCommands(DockerAcceptMark m, boolean dropChain, boolean dropTable) {
        List<List<String>> out = new ArrayList<>();
        List<String> list = new ArrayList<>(List.of("nft", "-a", "list", "chain"));
        list.addAll(place());
        out.add(List.copyOf(list));
        List<String> delete = new ArrayList<>(nft("delete", "rule"));
        delete.addAll(List.of(DockerAcceptMark.CHAIN, "handle", "<handle of \"" + m.comment() + "\">"));
        out.add(List.copyOf(delete));
        if (dropChain) {
            List<String> chain = new ArrayList<>(nft("delete", "chain"));
            chain.add(DockerAcceptMark.CHAIN);
            out.add(List.copyOf(chain));
        }
        if (dropTable) {
            out.add(nft("delete", "table"));
        }
        return out;
    }

    /** The marking rule as the firewall reader lists it afterwards. */
    public static FirewallRule rule(DockerAcceptMark m) {
        return new FirewallRule(DockerAcceptMark.TABLE, DockerAcceptMark.CHAIN, "MARK", Optional.empty(),
                Optional.empty(), Optional.of(m.bridge()), Optional.empty(), Optional.of(m.comment()),
                String.join(" ", spec(m)));
    }

    /** The base chain as the reader lists it. */
    public static FirewallChain chain() {
        return new FirewallChain(DockerAcceptMark.TABLE, DockerAcceptMark.CHAIN, "filter", "forward",
                DockerAcceptMark.PRIORITY, "ACCEPT");
    }

    /** "family table chain" as three words. */
    public static List<String> place() {
        return List.of(TABLE.get(0), TABLE.get(1), DockerAcceptMark.CHAIN);
    }

    private static List<String> spec(DockerAcceptMark m) {
        List<String> spec = new ArrayList<>(List.of("iifname", m.bridge()));
        spec.addAll(Arrays.asList(m.mark().nftSet().split(" ")));
        spec.addAll(List.of("comment", "\"" + m.comment() + "\""));
        return spec;
    }

    private static List<String> nft(String action, String what) {
        List<String> argv = new ArrayList<>(List.of("nft", action, what));
        argv.addAll(TABLE);
        return List.copyOf(argv);
    }
}
