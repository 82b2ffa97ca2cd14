package dev.virtwire.host.firewall;

import dev.virtwire.model.FirewallState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lab's real firewalld 1.3.3 with the policy guests-out, as captured (firewalld-policy/ABOUT.md): "rejects"
 * before Virtwire's fix, "accepts" after it (whose permanent listings were not captured: those of before).
 */
public final class FirewalldPolicyFixture {
    private FirewalldPolicyFixture() {
    }

    public static FirewallState state(String which) {
        FirewallState fw = FirewallReader.combine(Optional.of("iptables v1.8.9 (nf_tables)"),
                Optional.of(text("rejects.iptables-save.txt")), Optional.of(text(which + ".nft.json")), true);
        return fw.withFirewalld(Optional.of(FirewalldListing.of(new FirewalldListing.Printed(
                text(which + ".list-all-zones.txt"), text(which + ".list-all-policies.txt"),
                text("rejects.permanent-list-all-zones.txt"), text("rejects.permanent-list-all-policies.txt")))));
    }

    public static String text(String file) {
        try (InputStream in = FirewalldPolicyFixture.class.getResourceAsStream("/dev/virtwire/host/"
                + "firewalld-policy/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
