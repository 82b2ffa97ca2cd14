package dev.virtwire.host.libvirt;

import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * libvirt's default event loop, started once per process before the first connection is opened (libvirt
 * only delivers events to connections opened after it is registered) and run on a daemon thread.
 */
final class EventLoop {
    private static final org.libvirt.jna.Libvirt.VirErrorCallback QUIET = (userData, error) -> { };
    private static boolean started;

    private EventLoop() {
    }

    static synchronized void ensureRunning() throws LibvirtException {
        if (started) {
            return;
        }
        // libvirt prints every error to stderr by default; Virtwire reports them itself, in words
        org.libvirt.Connect.setErrorCallback(QUIET);
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
