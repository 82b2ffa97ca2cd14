package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.ForwardAccept;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Virtwire's block in /etc/nftables.conf: only its own lines change, and taking them out gives the file back. */
class NftablesConfBlockTest {
    private static final String DEBIAN = """
            #!/usr/sbin/nft -f

            flush ruleset

            table inet filter {
            \tchain forward {
            \t\ttype filter hook forward priority filter; policy drop;
            \t}
            }
            """;
    private static final ForwardAccept VIRBR0 = new ForwardAccept("virbr0", "inet filter", "forward");
    private static final ForwardAccept BR0 = new ForwardAccept("br0", "inet filter", "forward");

    @Test
    void savingAddsTheRulesInTheOrderTheyRunAndRemovingGivesTheFileBack() {
        String saved = NftablesConfBlock.with(DEBIAN, VIRBR0);
        assertTrue(saved.startsWith(DEBIAN), saved);
        assertEquals(List.of(
                "insert rule inet filter forward oifname virbr0 ct state established,related accept comment "
                        + "\"virtwire:accept:virbr0\"",
                "insert rule inet filter forward iifname virbr0 accept comment \"virtwire:accept:virbr0\""),
                NftablesConfBlock.block(saved));
        assertTrue(NftablesConfBlock.saves(saved, VIRBR0));
        String both = NftablesConfBlock.with(saved, BR0);
        assertEquals(4, NftablesConfBlock.block(both).size());
        assertEquals(saved, NftablesConfBlock.without(both, BR0));
        assertEquals(DEBIAN, NftablesConfBlock.without(saved, VIRBR0), "no empty block is left behind");
        assertFalse(NftablesConfBlock.saves(DEBIAN, VIRBR0));
    }

    @Test
    void onlyTablesTheFileDeclaresCanTakeTheBlocksRules() {
        assertTrue(NftablesConfBlock.declares(DEBIAN, "inet filter"));
        assertFalse(NftablesConfBlock.declares(DEBIAN, "ip filter"));
        assertFalse(NftablesConfBlock.declares(DEBIAN, "filter"), "iptables' table is not nftables.conf's");
        assertFalse(NftablesConfBlock.declares("# table inet filter {\n", "inet filter"));
    }
}
