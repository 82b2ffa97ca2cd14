package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a guest on one host can or cannot reach a guest on another: the path across both hosts and the LAN segment
 * between them, hop by hop, each hop with its host.
 *
 * @param from      the guest followed, as {@code kvm1:web1}
 * @param to        the target as the user named it, {@code guest:kvm2:db1}
 * @param reachable true or false when the facts decide it, empty when something that could block was not checked
 * @param path      the source guest's hops on its host, the segment, then the target's hops back to it
 * @param there     the source host's half: its guest towards the address the target is reached at
 * @param back      the target host's half: its guest towards the address the source's traffic comes from
 * @param segment   what was seen of the segment between the hosts (addresses, ARP, forwarding tables, VLANs)
 * @param between   what is wrong between the hosts (the target hidden from the LAN, a VLAN one trunk lacks...)
 * @param unchecked what could block between the hosts but was not checked (each half lists its own)
 */
public record DiagnosisAcrossHosts(String from, String to, Optional<Boolean> reachable, List<FleetHop> path,
                                   HostDiagnosis there, HostDiagnosis back, List<String> segment,
                                   List<FleetFinding> between, List<String> unchecked) {

    public DiagnosisAcrossHosts {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        path = List.copyOf(path);
        segment = List.copyOf(segment);
        between = List.copyOf(between);
        unchecked = List.copyOf(unchecked);
    }

    /** One host's half of the walk: the single-host diagnosis there. */
    public record HostDiagnosis(String host, Diagnosis diagnosis) {
    }

    /**
     * One step of the path: a topology node of one host ({@code host} present), or the segment between the hosts
     * ({@code segment:10.77.0.0/24}, no host). Not ok means a finding marks it; {@code finding} names the first.
     */
    public record FleetHop(Optional<String> host, String node, boolean ok, Optional<String> finding) {
        /** How messages name it: {@code kvm2 link:eth0}, or the segment's node alone. */
        public String describe() {
            return host.map(h -> h + " ").orElse("") + node;
        }
    }

    /**
     * The first hop a blocking finding marks, walking from the source guest: where the path breaks. A hop marked
     * by a warning only (a setting not saved, an MTU that differs) is not broken.
     */
    public Optional<FleetHop> brokenHop() {
        return path.stream().filter(h -> !h.ok() && h.finding().filter(id -> blocks(h.host(), id)).isPresent())
                .findFirst();
    }

    private boolean blocks(Optional<String> host, String id) {
        if (host.isEmpty()) {
            return between.stream().anyMatch(f -> f.id().equals(id) && f.severity() == Severity.ERROR);
        }
        boolean betweenBlocks = between.stream().anyMatch(f -> f.id().equals(id) && f.severity() == Severity.ERROR
                && f.places().stream().anyMatch(p -> p.host().equals(host.get())));
        Diagnosis half = host.get().equals(there.host()) ? there.diagnosis() : back.diagnosis();
        return betweenBlocks || half.finding(id).filter(Finding::blocks).isPresent();
    }
}
