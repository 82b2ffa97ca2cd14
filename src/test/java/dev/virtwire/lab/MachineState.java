package dev.virtwire.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The machine's own network and libvirt state, as far as the lab could disturb it: links,
 * routes, iptables and nftables rules of the machine's namespace, the lab's network
 * namespaces and libvirt/lab mounts. Packet counters and timestamps are left out. Network
 * namespaces and mounts of other programs on the machine are left out too (they may come and
 * go while the lab runs); only names the lab uses (vwlab-*, libvirt, virtwire-lab) count.
 * Processes of the lab (libvirtd, virtlogd, qemu, the lab's dnsmasq) count as well.
 */
record MachineState(Map<String, String> parts) {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static MachineState capture() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("ip -j link", run("ip", "-j", "link"));
        parts.put("ip -j route", run("ip", "-j", "route"));
        parts.put("iptables-save", run("iptables-save").lines()
                .filter(l -> !l.startsWith("#"))
                .map(l -> l.replaceAll("\\[\\d+:\\d+\\]", "[]"))
                .collect(Collectors.joining("\n")));
        parts.put("nft list ruleset", run("nft", "list", "ruleset")
                .replaceAll("counter packets \\d+ bytes \\d+", "counter"));
        parts.put("ip netns list (lab names)", run("ip", "netns", "list").lines()
                .filter(l -> l.startsWith("vwlab"))
                .collect(Collectors.joining("\n")));
        parts.put("mountinfo (libvirt/lab)", mounts());
        parts.put("lab processes", ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("virtwire-lab") || c.contains("vwlab") || c.contains("libvirtd")
                        || c.contains("virtlogd") || c.contains("qemu-system"))
                .sorted()
                .collect(Collectors.joining("\n")));
        return new MachineState(parts);
    }

    private static String mounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .filter(l -> l.contains("libvirt") || l.contains("virtwire-lab") || l.contains("vwlab"))
                    .map(l -> l.replaceFirst("^\\d+ \\d+ ", ""))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "cannot read /proc/self/mountinfo: " + e.getMessage();
        }
    }

    private static String run(String... argv) {
        CommandResult r = LabScript.run(TIMEOUT, List.of(argv));
        return r.ok() ? r.stdout() : "failed: " + r.describe();
    }

    /** Whether a lab (its namespaces) is there. */
    boolean hasLab() {
        return !parts.getOrDefault("ip netns list (lab names)", "").isBlank();
    }

    /** Empty when equal, else the names of the parts that differ, with both versions. */
    String differencesTo(MachineState after) {
        StringBuilder out = new StringBuilder();
        parts.forEach((name, before) -> {
            String now = after.parts.get(name);
            if (!before.equals(now)) {
                out.append("--- ").append(name).append(" before the lab:\n").append(before)
                        .append("\n--- after lab down:\n").append(now).append('\n');
            }
        });
        return out.toString();
    }
}
