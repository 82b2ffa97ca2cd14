package dev.virtwire.host.firewall;

import dev.virtwire.model.FirewallState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lab's real firewalld 1.3.3 with libvirt's zones, libvirt 9.0 on its bus, as captured
 * (firewalld-libvirt-zone/ABOUT.md): "libvirt-zone" with virbr0 in the zone libvirt put it in, "no-zone" with it
 * taken out (whose permanent listings were not captured again: those of "libvirt-zone", the same).
 */
public final class FirewalldLibvirtZoneFixture {
    private FirewalldLibvirtZoneFixture() {
    }

    public static FirewallState state(String which) {
        FirewallState fw = FirewallReader.combine(Optional.of("iptables v1.8.9 (nf_tables)"),
                Optional.of(text(which + ".iptables-save.txt")), Optional.of(text(which + ".nft.json")), true);
        return fw.withFirewalld(Optional.of(FirewalldListing.of(new FirewalldListing.Printed(
                text(which + ".list-all-zones.txt"), text("libvirt-zone.list-all-policies.txt"),
                text("libvirt-zone.permanent-list-all-zones.txt"),
                text("libvirt-zone.permanent-list-all-policies.txt")))));
    }

    private static String text(String file) {
        try (InputStream in = FirewalldLibvirtZoneFixture.class.getResourceAsStream("/dev/virtwire/host/"
                + "firewalld-libvirt-zone/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
