package dev.virtwire.diagnose;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a guest can or cannot reach a target: the path hop by hop, and the findings, root causes first.
 *
 * @param target    the destination as the user named it (host, lan, internet, guest:NAME, an address)
 * @param reachable true or false when the facts decide it, empty when something that could block was not
 *                  checkable (see {@code unchecked})
 * @param nic       the MAC of the guest NIC that was followed
 * @param unchecked facts the rules needed but could not read, in plain words
 */
public record Diagnosis(String guest, String target, Optional<Boolean> reachable, List<Hop> path,
                        List<Finding> findings, String nic, List<String> unchecked) {

    public Diagnosis {
        Objects.requireNonNull(guest, "guest");
        Objects.requireNonNull(target, "target");
        path = List.copyOf(path);
        findings = List.copyOf(findings);
        unchecked = List.copyOf(unchecked);
    }

    /** A finding by id, whether it is a root cause or grouped under one as a symptom. */
    public Optional<Finding> finding(String id) {
        return findings.stream().flatMap(f -> java.util.stream.Stream.concat(java.util.stream.Stream.of(f),
                f.symptoms().stream())).filter(f -> f.id().equals(id)).findFirst();
    }
}
