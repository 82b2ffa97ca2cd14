package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import java.time.Duration;
import java.util.List;

/**
 * A manager answers before the kernel has made a link (or let it go): waits until the link is there (or gone), a
 * few seconds at most; whether it did is the step's verification.
 */
final class LinkSettles {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private LinkSettles() {
    }

    static void await(Host host, String link, boolean present) {
        long end = System.nanoTime() + SETTLE.toNanos();
        while (exists(host, link) != present && System.nanoTime() < end) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean exists(Host host, String link) {
        try {
            host.savedConfig().run(List.of("ip", "link", "show", "dev", link));
            return true;
        } catch (HostException e) {
            return false;
        }
    }
}
