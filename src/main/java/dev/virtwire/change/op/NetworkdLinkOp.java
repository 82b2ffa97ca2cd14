package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostException;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * systemd-networkd making a link its files describe ({@code networkctl reload}: it reads its files again and
 * creates the netdevs they add), or deleting one ({@code networkctl delete LINK}: a reload does not remove a netdev
 * whose file is gone). Each is the other's inverse.
 */
public record NetworkdLinkOp(String link, boolean create) implements Operation {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Override
    public String describe() {
        return create ? "Have systemd-networkd read its files again and make " + link
                : "Have systemd-networkd delete " + link;
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(argv()));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Link(link));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        if (create && now.link(link).isPresent()) {
            return Optional.of(link + " exists already");
        }
        return !create && now.link(link).isEmpty() ? Optional.of(link + " is gone already") : Optional.empty();
    }

    /** networkd answers before the kernel has the link (or has let it go): waits for it, a few seconds at most. */
    @Override
    public void apply(Host host) {
        host.savedConfig().run(argv());
        long end = System.nanoTime() + SETTLE.toNanos();
        while (exists(host) != create && System.nanoTime() < end) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        if (create) {
            return after.link(link).isPresent() ? Optional.empty()
                    : Optional.of("systemd-networkd did not make " + link + " from its files");
        }
        return after.link(link).isEmpty() ? Optional.empty() : Optional.of(link + " still exists");
    }

    @Override
    public Operation inverse() {
        return new NetworkdLinkOp(link, !create);
    }

    private boolean exists(Host host) {
        try {
            host.savedConfig().run(List.of("ip", "link", "show", "dev", link));
            return true;
        } catch (HostException e) {
            return false;
        }
    }

    private List<String> argv() {
        return create ? List.of("networkctl", "reload") : List.of("networkctl", "delete", link);
    }
}
