package dev.virtwire.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who configures a running link at boot and whether what runs is what is saved.
 *
 * @param profile where it is saved (a NetworkManager profile, {@code FILE:LINE}); empty when no manager owns it
 * @param saved   a manager owns the link and the running link matches its saved configuration
 *                ({@link SavedLink#differencesFrom} says what is compared); false for links no manager owns
 * @param drift   what differs, one sentence each
 */
public record LinkConfig(LinkOwner manager, Optional<String> profile, boolean saved, List<String> drift) {
    public LinkConfig {
        Objects.requireNonNull(manager, "manager");
        drift = List.copyOf(drift);
    }

    public static LinkConfig unowned() {
        return new LinkConfig(LinkOwner.NONE, Optional.empty(), false, List.of());
    }
}
