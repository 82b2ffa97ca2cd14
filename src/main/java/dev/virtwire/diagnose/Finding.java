package dev.virtwire.diagnose;

import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the troubleshooter found on a guest's path.
 *
 * @param id       a stable id from the {@link Catalog}, e.g. {@code ip-forward-disabled}
 * @param evidence the facts read that show it: a sysctl value, a rule's text, a probe's command and output
 * @param nodes    the topology nodes to mark
 * @param steps    what the user can do by hand when there is no one-click fix (or in addition to it)
 * @param symptoms later findings this one explains, grouped under it instead of listed as separate errors
 */
public record Finding(String id, Severity severity, String title, List<String> evidence, List<Id.Node> nodes,
                      Optional<Fix> fix, List<String> steps, List<Finding> symptoms) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        evidence = List.copyOf(evidence);
        nodes = List.copyOf(nodes);
        steps = List.copyOf(steps);
        symptoms = List.copyOf(symptoms);
    }

    public static Finding of(Catalog entry, String title) {
        return new Finding(entry.id(), entry.severity(), title, List.of(), List.of(), Optional.empty(), List.of(),
                List.of());
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(id, newSeverity, title, evidence, nodes, fix, steps, symptoms);
    }

    public Finding withEvidence(String... lines) {
        return new Finding(id, severity, title, concat(evidence, List.of(lines)), nodes, fix, steps, symptoms);
    }

    public Finding withEvidence(List<String> lines) {
        return new Finding(id, severity, title, concat(evidence, lines), nodes, fix, steps, symptoms);
    }

    public Finding withNodes(Id.Node... ids) {
        return new Finding(id, severity, title, evidence, concat(nodes, List.of(ids)), fix, steps, symptoms);
    }

    public Finding withFix(Fix newFix) {
        return new Finding(id, severity, title, evidence, nodes, Optional.of(newFix), steps, symptoms);
    }

    public Finding withSteps(String... lines) {
        return new Finding(id, severity, title, evidence, nodes, fix, concat(steps, List.of(lines)), symptoms);
    }

    public Finding withSymptoms(List<Finding> newSymptoms) {
        return new Finding(id, severity, title, evidence, nodes, fix, steps, newSymptoms);
    }

    public Catalog entry() {
        return Catalog.byId(id).orElseThrow();
    }

    /** Whether this finding alone keeps the traffic from getting through. */
    public boolean blocks() {
        return severity == Severity.ERROR || entry().blocksByDesign();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
