package dev.virtwire.change;

import dev.virtwire.change.op.DockerAcceptMarkOp;
import dev.virtwire.host.DockerAcceptMarkRules;
import dev.virtwire.host.NftablesConfBlock;
import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.FirewallState;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker 29's nftables backend drops what is not its own on the way into its bridges, has no DOCKER-USER chain,
 * and an accept in another table does not override its drop. It accepts packets carrying the mark of its
 * {@code bridge-accept-fwmark} option: where /etc/docker/daemon.json sets one, Virtwire marks the bridge's packets
 * in its own table; where not, the user must set it and restart Docker (Virtwire does neither).
 */
final class DockerMarks {
    private final FirewallState firewall;
    private final String bridge;
    private final boolean needed;

    /** @param dockerDrops whether Docker's own nftables tables drop anything */
    DockerMarks(FirewallState firewall, String bridge, boolean dockerDrops) {
        this.firewall = firewall;
        this.bridge = bridge;
        this.needed = dockerDrops && !DockerAcceptMark.marks(firewall, bridge);
    }

    /** Whether the bridge's packets need Docker's mark (its nftables tables drop, and Virtwire does not mark them). */
    boolean needed() {
        return needed;
    }

    /** The step that marks them; empty where not needed or daemon.json sets no mark Virtwire can read. */
    Optional<DockerAcceptMarkOp> mark() {
        if (!needed) {
            return Optional.empty();
        }
        boolean chainMade = !DockerAcceptMark.chainExists(firewall);
        boolean tableMade = chainMade && !DockerAcceptMark.tableHasOtherChains(firewall);
        return firewall.docker().acceptMark().map(m -> new DockerAcceptMarkOp(bridge, m.describe(), true, false,
                chainMade, tableMade));
    }

    /** Why there is no mark to give: what the user adds to daemon.json, and that Docker must restart. */
    String missing() {
        return "Docker's nftables tables (ip docker-bridges) drop what " + bridge + " forwards into Docker's bridges, "
                + "and Docker 29's nftables backend has no DOCKER-USER chain: an accept in another table does not "
                + "override its drop. " + firewall.docker().markAdvice() + ", then let " + bridge + " through again: "
                + "Virtwire then marks its packets. Virtwire neither edits daemon.json nor restarts Docker";
    }

    /** The step that stops marking the bridge, taking the chain and table when nothing else is in them. */
    static Optional<DockerAcceptMarkOp> removal(FirewallState firewall, String bridge) {
        return DockerAcceptMark.rule(firewall, bridge).map(r -> {
            boolean lastMark = DockerAcceptMark.bridges(firewall).equals(List.of(bridge));
            String mark = markIn(r.text()).orElseThrow(() -> new ChangeRefused("Virtwire cannot read the mark that "
                    + r.place() + " sets (" + r.text() + "), so it could not put the rule back on undo: delete it "
                    + "with nft delete rule " + String.join(" ", DockerAcceptMarkRules.place()) + " handle HANDLE"));
            return new DockerAcceptMarkOp(bridge, mark, false, false, lastMark,
                    lastMark && !DockerAcceptMark.tableHasOtherChains(firewall));
        });
    }

    /** /etc/nftables.conf with the block making the table, the chain and the bridge's rule at boot. */
    static String saved(String conf, DockerAcceptMarkOp op) {
        String after = conf;
        for (List<String> command : DockerAcceptMarkRules.addCommands(mark(op))) {
            after = NftablesConfBlock.withLine(after, command);
        }
        return after;
    }

    /** /etc/nftables.conf without the bridge's rule, and without the chain and table the removal drops. */
    static String unsaved(String conf, DockerAcceptMarkOp op) {
        String after = NftablesConfBlock.withoutComment(conf, mark(op).comment());
        List<List<String>> adds = DockerAcceptMarkRules.addCommands(mark(op));
        if (op.dropChain()) {
            after = NftablesConfBlock.withoutLine(after, adds.get(1));
        }
        if (op.dropTable()) {
            after = NftablesConfBlock.withoutLine(after, adds.get(0));
        }
        return after;
    }

    private static DockerAcceptMark mark(DockerAcceptMarkOp op) {
        return new DockerAcceptMark(op.bridge(), dev.virtwire.model.FwMark.parse(op.mark()).orElseThrow());
    }

    /**
     * The mark a listed rule sets, for its removal's record (and its undo): as Virtwire writes it ("meta mark set
     * meta mark and 0xfffffffe or 0x1": 0x1/0x1) or as nft lists it back ("mark & 4294967292 | 1", or "mark | 1"
     * where the mask is the value's bits, or "mark set 1" for a whole mark).
     */
    private static Optional<String> markIn(String text) {
        Matcher written = Pattern.compile("and (0x[0-9a-f]+) or (0x[0-9a-f]+)").matcher(text);
        if (written.find()) {
            return Optional.of(masked(Long.decode(written.group(2)), ~Long.decode(written.group(1))));
        }
        Matcher listed = Pattern.compile("mark & (\\d+) \\| (\\d+)").matcher(text);
        if (listed.find()) {
            return Optional.of(masked(Long.parseLong(listed.group(2)), ~Long.parseLong(listed.group(1))));
        }
        Matcher bits = Pattern.compile("mark \\| (\\d+)").matcher(text);
        if (bits.find()) {
            return Optional.of(masked(Long.parseLong(bits.group(1)), Long.parseLong(bits.group(1))));
        }
        Matcher whole = Pattern.compile("mark set (0x[0-9a-f]+|\\d+)").matcher(text);
        return whole.find() ? Optional.of("0x" + Long.toHexString(Long.decode(whole.group(1)))) : Optional.empty();
    }

    private static String masked(long value, long mask) {
        return "0x" + Long.toHexString(value) + "/0x" + Long.toHexString(mask & 0xffffffffL);
    }
}
