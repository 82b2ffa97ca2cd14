package dev.virtwire.host.libvirt;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The threads a libvirt host reads on. Reads run side by side. Commands (and the kernel/firewall reads that
 * wait for them) get a thread each: a dozen per snapshot. Guests are read by a few threads over the one
 * libvirt connection; those tasks never wait for other tasks, so neither pool can starve the other.
 */
final class ReadThreads {
    static final ExecutorService COMMANDS = Executors.newCachedThreadPool(daemon("virtwire command"));
    static final ExecutorService GUEST_READERS = Executors.newFixedThreadPool(4, daemon("virtwire guest read"));

    private ReadThreads() {
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
