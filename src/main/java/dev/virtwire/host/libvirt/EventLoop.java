package dev.virtwire.host.libvirt;

import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * libvirt's default event loop, run on a daemon thread once something watches a host. Only connections opened
 * after it started hear events; and every connection opened after it pays for it (two loop wake-ups per call:
 * a 500-guest read takes twice the time), so hosts opened only to read or change (the CLI) go without.
 */
final class EventLoop {
    private static boolean started;

    private EventLoop() {
    }

    static synchronized boolean running() {
        return started;
    }

    static synchronized void ensureRunning() throws LibvirtException {
        if (started) {
            return;
        }
        Library.initEventLoop();
        Thread loop = new Thread(() -> {
            try {
                Library.runEventLoop();
            } catch (LibvirtException | InterruptedException e) {
                // the loop ends with the process; events simply stop arriving
            }
        }, "libvirt events");
        loop.setDaemon(true);
        loop.start();
        started = true;
    }
}
