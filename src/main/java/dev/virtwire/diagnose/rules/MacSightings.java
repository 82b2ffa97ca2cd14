package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.FdbReads;
import dev.virtwire.diagnose.ProbeRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * On which ports several reads of a bridge's forwarding table put one MAC, and in how many reads each: a MAC
 * two devices send from is learnt now on one port, now on the other, so one read alone may miss the impostor.
 */
record MacSightings(String mac, String bridge, FdbReads fdb, Map<String, Integer> readsByPort) {

    static MacSightings of(FdbReads fdb, String mac, String bridge) {
        Map<String, Integer> byPort = new LinkedHashMap<>();
        for (ProbeRun read : fdb.reads()) {
            ImpostorPort.portsOf(read, mac, bridge).forEach(p -> byPort.merge(p, 1, Integer::sum));
        }
        return new MacSightings(mac, bridge, fdb, Map.copyOf(byPort));
    }

    /** The ports, other than the guest's own tap, that the MAC was learnt on in any read, most often first. */
    List<String> portsOtherThan(String tap) {
        return readsByPort.keySet().stream().filter(p -> !p.equals(tap))
                .sorted(Comparator.comparing(this::readsOn).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    int readsOn(String port) {
        return readsByPort.getOrDefault(port, 0);
    }

    /**
     * In the user's words: "web1's MAC ... was learnt on vwimp in 3 of 8 reads of virbr0's forwarding table over
     * 1.8 s, and on its tap vnet0 in 5"; empty for a single read, whose own lines say it all.
     */
    Optional<String> told(String guest, String tap) {
        int n = fdb.reads().size();
        if (n < 2) {
            return Optional.empty();
        }
        List<String> elsewhere = new ArrayList<>();
        for (String port : portsOtherThan(tap)) {
            elsewhere.add(port + " in " + readsOn(port) + " of " + n);
        }
        int own = readsOn(tap);
        return Optional.of(guest + "'s MAC " + mac + " was learnt on " + String.join(", on ", elsewhere) + " reads of "
                + bridge + "'s forwarding table over " + String.format(Locale.ROOT, "%.1f", fdb.span().toMillis()
                / 1000.0) + " s, and " + (own == 0 ? "never on its tap " + tap : "on its tap " + tap + " in " + own));
    }

    /** The first read that put the MAC on a port other than the tap. */
    Optional<ProbeRun> firstReadElsewhere(String tap) {
        return fdb.reads().stream().filter(r -> ImpostorPort.portsOf(r, mac, bridge).stream()
                .anyMatch(p -> !p.equals(tap))).findFirst();
    }

    /**
     * That read's command and its lines about the MAC: a bridge's table lists dozens of entries (multicast, the
     * bridge's own), and the one that matters would be cut from the evidence.
     */
    List<String> evidenceElsewhere(String tap) {
        String wanted = mac.toLowerCase(Locale.ROOT) + " ";
        return firstReadElsewhere(tap).map(read -> {
            List<String> out = new ArrayList<>(List.of("$ " + read.command()));
            read.output().lines().map(String::trim).filter(l -> l.toLowerCase(Locale.ROOT).startsWith(wanted))
                    .forEach(l -> out.add("  " + l));
            return out;
        }).orElse(List.of());
    }
}
