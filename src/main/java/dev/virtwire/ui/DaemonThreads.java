package dev.virtwire.ui;

import java.util.concurrent.ThreadFactory;

/**
 * The window's background threads: named (a thread dump says whose work it is) and daemons, so work still running
 * (a host that does not answer) never keeps the application alive once its window is closed.
 */
final class DaemonThreads {
    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
