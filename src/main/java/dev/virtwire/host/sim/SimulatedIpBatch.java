package dev.virtwire.host.sim;

import dev.virtwire.host.HostException;
import dev.virtwire.host.KernelLinks;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs {@code ip -batch -force} lines against the simulated host, as the host-side revert watchdog does on a
 * real one. Understands exactly the lines {@link dev.virtwire.host.IpCommands} writes; a failing line is
 * reported and the next one still runs (that is what {@code -force} does).
 */
final class SimulatedIpBatch {
    private SimulatedIpBatch() {
    }

    /** @return the lines that failed, each with its error */
    static List<String> run(KernelLinks host, List<String> lines) {
        List<String> failures = new ArrayList<>();
        for (String line : lines) {
            try {
                runLine(host, List.of(line.trim().split("\\s+")));
            } catch (HostException | IllegalArgumentException | IndexOutOfBoundsException e) {
                failures.add(line + ": " + e.getMessage());
            }
        }
        return failures;
    }

    private static void runLine(KernelLinks host, List<String> a) {
        String object = a.get(0);
        String verb = a.get(1);
        switch (object + " " + verb) {
            case "link set" -> linkSet(host, a.get(3), a.subList(4, a.size()));
            case "link add" -> host.createBridge(a.get(3), new BridgeSettings(value(a, "stp_state").equals("1"),
                    java.util.OptionalInt.of(Integer.parseInt(value(a, "forward_delay"))), false), optional(a, "address"));
            case "link delete" -> host.deleteBridge(a.get(3));
            case "address add", "address del" -> host.setAddress(a.get(4), a.get(2), verb.equals("add"),
                    optional(a, "metric").map(Integer::valueOf));
            case "route add", "route del" -> host.setRoute(route(a), verb.equals("add"));
            default -> throw new IllegalArgumentException("not a line Virtwire writes");
        }
    }

    private static void linkSet(KernelLinks host, String link, List<String> rest) {
        switch (rest.get(0)) {
            case "up", "down" -> host.setLinkUp(link, rest.get(0).equals("up"));
            case "master" -> host.setLinkMaster(link, Optional.of(rest.get(1)));
            case "nomaster" -> host.setLinkMaster(link, Optional.empty());
            case "mtu" -> host.setLinkMtu(link, Integer.parseInt(rest.get(1)));
            case "address" -> host.setLinkMac(link, rest.get(1));
            default -> throw new IllegalArgumentException("not a link change Virtwire writes");
        }
    }

    private static Route route(List<String> a) {
        Optional<String> via = optional(a, "via");
        Optional<String> dev = optional(a, "dev");
        OptionalInt metric = optional(a, "metric").map(m -> OptionalInt.of(Integer.parseInt(m)))
                .orElse(OptionalInt.empty());
        return new Route(a.get(2), via, dev, metric);
    }

    private static String value(List<String> a, String key) {
        return optional(a, key).orElseThrow(() -> new IllegalArgumentException("missing " + key));
    }

    private static Optional<String> optional(List<String> a, String key) {
        int i = a.indexOf(key);
        return i >= 0 && i + 1 < a.size() ? Optional.of(a.get(i + 1)) : Optional.empty();
    }
}
