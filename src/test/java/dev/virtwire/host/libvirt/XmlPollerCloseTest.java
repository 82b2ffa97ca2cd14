package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Closing a host stops its XML poll and then closes the connection: the poll's libvirt call must be over by then,
 * or libvirt frees the connection under it (a JVM abort in CI, once, when a watched host closed after libvirtd
 * restarted).
 */
class XmlPollerCloseTest {

    /** A connection whose listing blocks as a native call does: deaf to interrupts until let go. */
    private static final class SlowListing extends LibvirtConnection {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);
        final AtomicBoolean over = new AtomicBoolean();

        SlowListing() throws LibvirtException {
            super("test:///default");
        }

        @Override
        public Domain[] listAllDomains(int flags) throws LibvirtException {
            entered.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    letGo.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            over.set(true);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return new Domain[0];
        }
    }

    @Test
    void closeReturnsOnlyOnceTheRunningTickLeftTheConnection() throws Exception {
        SlowListing connection = new SlowListing();
        try {
            XmlPoller poller = new XmlPoller(connection, name -> { });
            poller.start();
            assertTrue(connection.entered.await(10, TimeUnit.SECONDS), "the poll never ticked");

            AtomicBoolean tickOverWhenClosed = new AtomicBoolean();
            Thread closer = new Thread(() -> {
                poller.close();
                tickOverWhenClosed.set(connection.over.get());
            });
            closer.start();
            // the closer waits for the tick (fixed) or has already returned (the bug): only then let the call end
            while (closer.getState() != Thread.State.TIMED_WAITING && closer.getState() != Thread.State.TERMINATED) {
                Thread.onSpinWait();
            }
            connection.letGo.countDown();
            closer.join(10_000);
            assertTrue(tickOverWhenClosed.get(), "close() returned while the poll still used the connection");
        } finally {
            connection.letGo.countDown();
            connection.close();
        }
    }
}
