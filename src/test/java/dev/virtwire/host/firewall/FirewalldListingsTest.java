package dev.virtwire.host.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.FirewalldSettings;
import dev.virtwire.model.FirewalldZones;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * firewalld's four listings are taken again while its nft table stays the same, for 30 s at most: a clock the test
 * moves and a listing source that counts its calls stand in for System.nanoTime and firewall-cmd.
 */
class FirewalldListingsTest {
    private static final long SECOND = 1_000_000_000L;
    private long now = 1_000 * SECOND;
    private final List<Optional<FirewalldSettings>> answers = new ArrayList<>();
    private int listed;
    private final FirewalldListings listings = new FirewalldListings(() -> now, gaps -> {
        listed++;
        return answers.isEmpty() ? Optional.of(new FirewalldSettings(List.of(), List.of())) : answers.remove(0);
    });

    @Test
    void theSameTableWithin30sReusesTheListingAndAt30sItIsListedAgain() {
        FirewallState table = firewalld("accept");
        Optional<FirewalldSettings> first = listings.of(table, new ArrayList<>());
        now += 29 * SECOND;
        assertSame(first.orElseThrow(), listings.of(table, new ArrayList<>()).orElseThrow());
        assertEquals(1, listed, "no firewall-cmd within 30 s of the listing");
        now += SECOND;
        listings.of(table, new ArrayList<>());
        assertEquals(2, listed, "30 s after it, listed again (a permanent-only change does not show in the table)");
        now += 10 * SECOND;
        listings.of(table, new ArrayList<>());
        assertEquals(2, listed, "the 30 s count from the new listing");
    }

    @Test
    void aChangedTableIsListedAgainAtOnce() {
        listings.of(firewalld("accept"), new ArrayList<>());
        now += SECOND;
        listings.of(firewalld("drop"), new ArrayList<>());
        assertEquals(2, listed, "a run-time change rewrote firewalld's table");
        listings.of(firewalld("drop").withRules(List.of(rule("filter", "accept"), rule(FirewalldZones.TABLE,
                "drop"))), new ArrayList<>());
        assertEquals(2, listed, "rules of other tables do not count");
    }

    @Test
    void aFailedListingIsNotReused() {
        answers.add(Optional.empty());
        FirewallState table = firewalld("accept");
        assertEquals(Optional.empty(), listings.of(table, new ArrayList<>()));
        assertEquals(true, listings.of(table, new ArrayList<>()).isPresent());
        assertEquals(2, listed);
    }

    private static FirewallState firewalld(String verdict) {
        return FirewallState.unknown().withRules(List.of(rule(FirewalldZones.TABLE, verdict)));
    }

    private static FirewallRule rule(String table, String verdict) {
        return new FirewallRule(table, "filter_FORWARD", verdict, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), "iifname \"virbr0\" " + verdict);
    }
}
