package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A change's write runs outside the host's lock, so a reconnect (libvirtd restarted meanwhile) may close the
 * session it writes on: the close waits for the write, as closing a connection under a running libvirt call frees
 * what that call reads.
 */
class SessionCloseTest {

    @Test
    void closeWaitsForAWriteStillRunningOnTheConnection() throws Exception {
        var readers = Executors.newSingleThreadExecutor();
        LibvirtSession session = LibvirtSession.open(LibvirtConnection::new, "test:///default", readers);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicBoolean writeOver = new AtomicBoolean();
        Thread writer = new Thread(() -> session.using(s -> {
            writing.countDown();
            awaitUninterruptibly(letGo);
            writeOver.set(true);
        }));
        try {
            writer.start();
            assertTrue(writing.await(10, TimeUnit.SECONDS), "the write never started");
            AtomicBoolean writeOverWhenClosed = new AtomicBoolean();
            Thread closer = new Thread(() -> {
                session.close();
                writeOverWhenClosed.set(writeOver.get());
            });
            closer.start();
            // the closer waits for the write (fixed) or has already closed (the bug): only then let the write end
            while (closer.getState() != Thread.State.TIMED_WAITING && closer.getState() != Thread.State.WAITING
                    && closer.getState() != Thread.State.TERMINATED) {
                Thread.onSpinWait();
            }
            letGo.countDown();
            closer.join(10_000);
            assertTrue(writeOverWhenClosed.get(), "the connection was closed while a write still used it");
        } finally {
            letGo.countDown();
            writer.join(10_000);
            readers.shutdownNow();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // as a native call: deaf to interrupts
            }
        }
    }
}
