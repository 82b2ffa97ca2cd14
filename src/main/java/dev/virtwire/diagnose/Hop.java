package dev.virtwire.diagnose;

import dev.virtwire.model.Id;
import java.util.Optional;

/**
 * One step of a guest's path, named by its topology node id ({@code guest:web1}, {@code link:virbr0},
 * {@code outside}). Not ok means a finding marks it; {@code findingId} names the first such finding.
 */
public record Hop(Id.Node nodeId, boolean ok, Optional<String> findingId) {
}
