package dev.virtwire.host.firewall;

import dev.virtwire.model.FirewallState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The golden cases docker29-nftables-fwmark (Docker 29's nftables tables with bridge-accept-fwmark 0x1/0x1, from
 * Docker's documented layout, loaded into the real nft) and docker29-nftables-marked (the same after Virtwire's
 * mark for virbr0), read as the firewall reader reads a host.
 */
public final class DockerNftablesFixtures {
    private DockerNftablesFixtures() {
    }

    /** @param withDaemonJson whether the host's daemon.json (which sets the mark) is read too */
    public static FirewallState firewall(String golden, boolean withDaemonJson) {
        String dir = "/dev/virtwire/host/firewall/" + golden + "/";
        Optional<String> nft = Optional.of(text(dir + "nft.json"));
        return FirewallReader.combine(Optional.empty(), Optional.empty(), nft, false)
                .withIpv6(FirewallReader.ipv6(Optional.empty(), nft, false))
                .withDocker(DockerDaemonJson.read(withDaemonJson ? Optional.of(text(dir + "daemon.json"))
                        : Optional.empty()));
    }

    private static String text(String resource) {
        try (InputStream in = DockerNftablesFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
