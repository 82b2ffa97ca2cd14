package dev.virtwire.host.firewall;

import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldSettings;
import dev.virtwire.model.FirewalldZones;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * firewalld's zones and policies as firewall-cmd last listed them, taken again while firewalld's nft table stays the
 * same, for {@link #REUSED_FOR_NANOS} at most. Four firewall-cmd runs (a Python start each) on every read would slow
 * each step's check of a change; a run-time change rewrites firewalld's table, so the table tells when to list again,
 * and the time limit catches changes to the permanent configuration alone (which do not show in the table). A listing
 * that failed is not kept.
 */
final class FirewalldListings {
    /** How long a listing is taken again while firewalld's table stays the same. */
    static final long REUSED_FOR_NANOS = 30_000_000_000L;

    private final LongSupplier nanoTime;
    private final Function<List<String>, Optional<FirewalldSettings>> listing;
    private volatile Listed last = new Listed("", 0, Optional.empty());

    /** What firewall-cmd listed when firewalld's table had these rules, and when (by {@link #nanoTime}). */
    private record Listed(String table, long at, Optional<FirewalldSettings> settings) {
    }

    /**
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param listing  lists firewalld afresh, adding to the gaps it is given what it could not list
     */
    FirewalldListings(LongSupplier nanoTime, Function<List<String>, Optional<FirewalldSettings>> listing) {
        this.nanoTime = nanoTime;
        this.listing = listing;
    }

    /** firewalld's settings for a firewall whose rules are {@code state}'s: the last listing, or a new one. */
    Optional<FirewalldSettings> of(FirewallState state, List<String> gaps) {
        String table = state.rules().stream().filter(r -> r.table().equals(FirewalldZones.TABLE))
                .map(r -> r.chain() + " " + r.text()).collect(Collectors.joining("\n"));
        Listed before = last;
        long now = nanoTime.getAsLong();
        if (before.settings().isPresent() && before.table().equals(table) && now - before.at() < REUSED_FOR_NANOS) {
            return before.settings();
        }
        Optional<FirewalldSettings> read = listing.apply(gaps);
        last = new Listed(table, now, read);
        return read;
    }
}
