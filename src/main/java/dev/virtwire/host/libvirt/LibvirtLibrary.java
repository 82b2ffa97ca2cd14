package dev.virtwire.host.libvirt;

import com.sun.jna.NativeLibrary;
import dev.virtwire.host.HostException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/** libvirt's client library, set up once per process: loaded, kept from printing, and its event loop. */
public final class LibvirtLibrary {
    private static final Libvirt.VirErrorCallback QUIET = (userData, error) -> { };
    private static boolean quiet;

    private LibvirtLibrary() {
    }

    /**
     * Loads the library and its Java binding (about a third of a second), e.g. on a background thread while the
     * command line is parsed. A missing library is left for opening a host to report, in words.
     */
    public static void preload() {
        try {
            // a missing library fails here and can be reported later; a binding that failed to load stays failed
            NativeLibrary.getInstance("virt");
        } catch (UnsatisfiedLinkError e) {
            return;
        }
        try {
            keepQuiet();
        } catch (LibvirtException | LinkageError e) {
            // opening a host does it again and says what is wrong
        }
    }

    /**
     * Starts libvirt's event loop. Only connections opened after it hear events; a host that will be watched
     * (the window) calls this before it is opened.
     */
    public static void startEvents() {
        try {
            keepQuiet();
            EventLoop.ensureRunning();
        } catch (LinkageError e) {
            throw LibvirtErrors.missingLibrary(e);
        } catch (LibvirtException e) {
            throw new HostException("libvirt's event loop could not start: " + LibvirtErrors.message(e), e);
        }
    }

    /** libvirt prints every error to stderr by default; Virtwire reports them itself, in words. */
    static synchronized void keepQuiet() throws LibvirtException {
        if (!quiet) {
            Connect.setErrorCallback(QUIET);
            quiet = true;
        }
    }
}
