package dev.virtwire.log;

import java.util.function.Consumer;

/**
 * What happens to an exception nothing caught, on any thread: its stack trace goes to the log, and the user is
 * told one line (what failed and where the details are), never the stack trace.
 */
public final class UncaughtFailures implements Thread.UncaughtExceptionHandler {
    private final Consumer<String> tell;

    /** @param tell shows the one line to the user (stderr, or the window's error message) */
    public UncaughtFailures(Consumer<String> tell) {
        this.tell = tell;
    }

    /** The handler of every thread that has none of its own, telling the user on stderr. */
    public static void catchOnEveryThread() {
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtFailures(new Stderr()));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        try {
            tell.accept(Log.unexpected("thread '" + thread.getName() + "'", failure));
        } catch (RuntimeException | Error e) {
            // telling failed too (the window is gone): the log has it
        }
    }

    /** A class, not a lambda: the launcher installs it on every cold start, where a lambda costs its bootstrap. */
    private static final class Stderr implements Consumer<String> {
        @Override
        public void accept(String line) {
            System.err.println("virtwire: " + line);
        }
    }
}
