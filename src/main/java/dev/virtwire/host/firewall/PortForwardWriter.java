package dev.virtwire.host.firewall;

import dev.virtwire.host.HostException;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.PortForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and removes a port forward's rules with the commands {@link PortForwardRules} previews. nftables
 * removes by handle: the handle of the rule carrying the forward's comment is looked up just before.
 */
public final class PortForwardWriter {
    private static final Pattern HANDLE = Pattern.compile("# handle (\\d+)\\s*$");
    private final CommandRunner runner;

    public PortForwardWriter(CommandRunner runner) {
        this.runner = runner;
    }

    public void set(FirewallBackend backend, PortForward forward, String bridge, boolean present) {
        if (present) {
            PortForwardRules.addCommands(backend, forward, bridge).forEach(runner::output);
        } else if (backend == FirewallBackend.NFTABLES) {
            removeNft(forward, List.of("ip", PortForwardRules.NFT_TABLE, "prerouting"));
            removeNft(forward, List.of("ip", "libvirt_network", "guest_input"));
        } else {
            PortForwardRules.removeCommands(backend, forward, bridge).forEach(runner::output);
        }
    }

    private void removeNft(PortForward forward, List<String> chain) {
        List<String> list = new ArrayList<>(List.of("nft", "-a", "list", "chain"));
        list.addAll(chain);
        String handle = handleOf(runner.output(list), forward.comment()).orElseThrow(() -> new HostException(
                "the port forward " + forward.comment() + " has no rule in nftables chain " + String.join(" ", chain)
                        + " any more: nothing to remove there"));
        List<String> delete = new ArrayList<>(List.of("nft", "delete", "rule"));
        delete.addAll(chain);
        delete.addAll(List.of("handle", handle));
        runner.output(delete);
    }

    /** The handle of the rule whose comment is exactly this one, from {@code nft -a list chain}. Pure. */
    static Optional<String> handleOf(String listing, String comment) {
        for (String line : listing.split("\n")) {
            Matcher m = HANDLE.matcher(line);
            if (line.contains("comment \"" + comment + "\"") && m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
