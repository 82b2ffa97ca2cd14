package dev.virtwire.architecture.broken.log;

/** Stands for the product's log set-up, which only the launcher, the CLI and the window may use. */
public final class Log {
    private Log() {
    }

    public static void useStateDir(String dir) {
        // a fixture: nothing to set up
    }
}
