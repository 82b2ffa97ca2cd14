package dev.virtwire.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.PacketCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Probes whose answers a test case gives as data: {"dhcp-servers": {"ok": true, "output": "..."}} ("ran": false: the
 * probe could not run, its output saying why). Keys:
 * ping, ping-from, arping, capture, leases, fdb, bridge-ports, dhcp-servers, ipv6-neighbours, neighbours6; a probe
 * not given answers empty, as on the demo host. "fdb-reads": {"span_ms": 3500, "reads": ["output", ...]}, the
 * forwarding table read several times (without it, the one "fdb" read). "firewall-after" ("firewall-after6": the IPv6 filter's): the rules'
 * counters read again after the probes, a list of {table, chain, handle or text, packets}.
 */
final class ScriptedProbes implements Probes {
    private final JsonNode answers;

    ScriptedProbes(JsonNode answers) {
        this.answers = answers;
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public Optional<ProbeRun> ping(String address, Optional<String> fromAddress) {
        return fromAddress.isPresent() ? answer("ping-from", "ping -I " + fromAddress.get() + " " + address)
                : answer("ping", "ping " + address);
    }

    @Override
    public Optional<ProbeRun> arping(String link, String address) {
        return answer("arping", "arping -I " + link + " " + address);
    }

    @Override
    public Optional<ProbeRun> capture(String tap, String mac) {
        return answer("capture", "tcpdump -n -e -i " + tap + " ether src " + mac);
    }

    @Override
    public Optional<ProbeRun> leases(String network) {
        return answer("leases", "virsh net-dhcp-leases " + network);
    }

    @Override
    public Optional<ProbeRun> fdb(String bridge) {
        return answer("fdb", "bridge fdb show br " + bridge);
    }

    @Override
    public Optional<FdbReads> fdbReads(String bridge) {
        JsonNode sampled = answers.get("fdb-reads");
        if (sampled == null) {
            return Probes.super.fdbReads(bridge);
        }
        List<ProbeRun> reads = new ArrayList<>();
        sampled.path("reads").forEach(r -> reads.add(new ProbeRun("bridge fdb show br " + bridge, true, r.asText())));
        return Optional.of(new FdbReads(reads, java.time.Duration.ofMillis(sampled.path("span_ms").asLong())));
    }

    @Override
    public Optional<ProbeRun> bridgePorts() {
        return answer("bridge-ports", "bridge link show");
    }

    @Override
    public Optional<ProbeRun> ipv6Neighbours(String link, Optional<String> from) {
        return answer("ipv6-neighbours", "ping -6 ff02::1%" + link + "; ip -6 neigh show dev " + link);
    }

    @Override
    public Optional<ProbeRun> dhcpServers() {
        return answer("dhcp-servers", "pgrep -a dnsmasq");
    }

    @Override
    public Optional<ProbeRun> neighbours6(String link) {
        return answer("neighbours6", "ip -6 neigh show dev " + link);
    }

    @Override
    public Optional<FirewallState> firewallNow() {
        JsonNode rules = answers.get("firewall-after");
        JsonNode rules6 = answers.get("firewall-after6");
        if (rules == null && rules6 == null) {
            return Optional.empty();
        }
        return Optional.of(new FirewallState(FirewallBackend.NFTABLES, Map.of(), counted(rules))
                .withIpv6(new dev.virtwire.model.Ipv6Filter(Map.of(), counted(rules6), List.of())));
    }

    /** The rules read again with their counters; none where the case gives none. */
    private static List<FirewallRule> counted(JsonNode rules) {
        List<FirewallRule> read = new ArrayList<>();
        if (rules == null) {
            return read;
        }
        rules.forEach(r -> read.add(new FirewallRule(r.path("table").asText(), r.path("chain").asText(), "",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                r.path("text").asText(), r.has("handle") ? OptionalLong.of(r.path("handle").asLong())
                : OptionalLong.empty(), Optional.of(new PacketCount(r.path("packets").asLong(), 0)), Optional.empty())));
        return read;
    }

    private Optional<ProbeRun> answer(String key, String command) {
        JsonNode a = answers.get(key);
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(new ProbeRun(command, a.path("ok").asBoolean(true), a.path("output").asText(""),
                a.path("ran").asBoolean(true)));
    }
}
