package dev.virtwire.host.firewall;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A ruleset Virtwire cannot read is reported with where it stopped, and nothing is taken from it. */
class UnreadableRulesetTest {

    @Test
    void brokenJsonSaysWhereAndThatNothingChanges() {
        String broken = "{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"filter\"}},\n {\"chain\": {";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FirewallReader.combine(
                Optional.empty(), Optional.empty(), Optional.of(broken), false));
        assertTrue(e.getMessage().contains("(line 2, column"), e.getMessage());
        assertTrue(e.getMessage().contains("Virtwire changes nothing in it"), e.getMessage());
    }
}
