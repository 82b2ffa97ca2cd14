package dev.virtwire.host.sim;

import dev.virtwire.host.HostException;
import dev.virtwire.host.KernelLinks;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Runs {@code ip -batch -force} lines against the simulated host, as the host-side revert watchdog does on a
 * real one: the batch is a file on the host (it must outlive Virtwire), so it is text, read here as ip reads
 * it, by its keywords ({@code dev}, {@code master}, {@code via}, ...). It understands the lines
 * {@link dev.virtwire.host.IpCommands} writes (SimulatedIpBatchTest runs every kernel step both ways); a
 * failing line is reported and the next one still runs (that is what {@code -force} does).
 */
final class SimulatedIpBatch {
    private SimulatedIpBatch() {
    }

    /** @return the lines that failed, each with its error */
    static List<String> run(KernelLinks host, List<String> lines) {
        List<String> failures = new ArrayList<>();
        for (String line : lines) {
            try {
                runLine(host, new Words(List.of(line.trim().split("\\s+"))));
            } catch (HostException | IllegalArgumentException e) {
                failures.add(line + ": " + e.getMessage());
            }
        }
        return failures;
    }

    private static void runLine(KernelLinks host, Words w) {
        String verb = w.word(1);
        switch (w.word(0) + " " + verb) {
            case "link set" -> linkSet(host, w.value("dev"), w);
            case "link add" -> host.createBridge(w.value("name"), new BridgeSettings(w.value("stp_state").equals("1"),
                    OptionalInt.of(Integer.parseInt(w.value("forward_delay"))), false), w.optional("address"));
            case "link delete" -> host.deleteBridge(w.value("dev"));
            // ip's own grammar: the address, and a route's destination, is the word after the verb
            case "address add", "address del" -> host.setAddress(w.value("dev"), w.word(2), verb.equals("add"),
                    w.optional("metric").map(Integer::valueOf));
            case "route add", "route del" -> host.setRoute(new Route(w.word(2), w.optional("via"), w.optional("dev"),
                    w.optional("metric").map(m -> OptionalInt.of(Integer.parseInt(m))).orElse(OptionalInt.empty())),
                    verb.equals("add"));
            default -> throw new IllegalArgumentException("not a line Virtwire writes");
        }
    }

    private static void linkSet(KernelLinks host, String link, Words w) {
        if (w.has("up") || w.has("down")) {
            host.setLinkUp(link, w.has("up"));
        } else if (w.has("nomaster")) {
            host.setLinkMaster(link, Optional.empty());
        } else if (w.optional("master").isPresent()) {
            host.setLinkMaster(link, w.optional("master"));
        } else if (w.optional("mtu").isPresent()) {
            host.setLinkMtu(link, Integer.parseInt(w.value("mtu")));
        } else if (w.optional("address").isPresent()) {
            host.setLinkMac(link, w.value("address"));
        } else {
            throw new IllegalArgumentException("not a link change Virtwire writes");
        }
    }

    /**
     * A batch line read as ip reads it, from the left: a keyword takes the word after it as its value, any
     * other word is a flag (up, down, nomaster). A positional word (an address, a route's destination) comes
     * right after the verb and is read before the keywords.
     */
    private record Words(List<String> words, Map<String, String> values, Set<String> flags) {
        private static final Set<String> KEYWORDS = Set.of("dev", "name", "master", "mtu",
                "address", "type", "stp_state", "forward_delay", "via", "metric");

        Words(List<String> words) {
            this(words, new HashMap<>(), new HashSet<>());
            boolean positional = words.size() > 2 && (words.get(0).equals("address") || words.get(0).equals("route"));
            for (int i = positional ? 3 : 2; i < words.size(); i++) {
                if (KEYWORDS.contains(words.get(i)) && i + 1 < words.size()) {
                    values.put(words.get(i), words.get(++i));
                } else {
                    flags.add(words.get(i));
                }
            }
        }

        String word(int i) {
            if (i >= words.size()) {
                throw new IllegalArgumentException("too short for a line Virtwire writes");
            }
            return words.get(i);
        }

        boolean has(String flag) {
            return flags.contains(flag);
        }

        Optional<String> optional(String key) {
            return Optional.ofNullable(values.get(key));
        }

        String value(String key) {
            return optional(key).orElseThrow(() -> new IllegalArgumentException("missing " + key));
        }
    }
}
