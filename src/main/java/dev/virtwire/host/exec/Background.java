package dev.virtwire.host.exec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Work started on a daemon thread of its own (a slow read, command or probe beside another), and its result taken with
 * what it threw thrown as itself, not wrapped in a CompletionException.
 */
public final class Background {
    private Background() {
    }

    public static <T> CompletableFuture<T> start(String threadName, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, threads(threadName));
    }

    /** Each task on a daemon thread of its own: work that mostly waits never waits for a busy pool's turn. */
    public static Executor threads(String threadName) {
        return task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** The future's value, or the RuntimeException (or Error) it ended with, as it was thrown. */
    public static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
