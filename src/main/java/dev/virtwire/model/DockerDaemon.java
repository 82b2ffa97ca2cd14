package dev.virtwire.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What Virtwire read of Docker's daemon configuration, {@code /etc/docker/daemon.json} (a file it only reads:
 * Docker reads it when its daemon starts). Docker 29's experimental nftables backend ({@code "firewall-backend":
 * "nftables"}) has no DOCKER-USER chain; its forward chains accept packets that carry the mark of
 * {@code "bridge-accept-fwmark"}, which another table can give them first.
 *
 * @param read               whether the file was there and read
 * @param firewallBackend    its "firewall-backend" (Docker's default is iptables)
 * @param bridgeAcceptFwmark its "bridge-accept-fwmark", as written
 * @param problem            why the file could not be followed, naming it (then nothing else is known)
 */
public record DockerDaemon(boolean read, Optional<String> firewallBackend, Optional<String> bridgeAcceptFwmark,
                           Optional<String> problem) {
    public static final String PATH = "/etc/docker/daemon.json";

    public DockerDaemon {
        Objects.requireNonNull(firewallBackend, "firewallBackend");
        Objects.requireNonNull(bridgeAcceptFwmark, "bridgeAcceptFwmark");
        Objects.requireNonNull(problem, "problem");
    }

    /** No daemon.json read (none on the host, or a snapshot that did not read it). */
    public static DockerDaemon none() {
        return new DockerDaemon(false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The mark Docker's nftables chains accept, when daemon.json sets one Virtwire can read. */
    public Optional<FwMark> acceptMark() {
        return bridgeAcceptFwmark.flatMap(FwMark::parse);
    }

    /** What the user adds to daemon.json (and then restarts Docker) so that a mark can let a bridge through. */
    public static String markToAdd() {
        return "\"bridge-accept-fwmark\": \"0x1/0x1\"";
    }

    /** Why no mark lets a bridge through yet, and what the user does about it (Virtwire does neither). */
    public String markAdvice() {
        return "Docker accepts packets that carry the mark of its bridge-accept-fwmark option, "
                + problem.map(p -> "but " + p).orElse("which " + PATH + " does not set") + ": add " + markToAdd()
                + " to " + PATH + " (a mark no other program on the host uses) and restart Docker (systemctl restart "
                + "docker)";
    }
}
