package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostException;
import java.util.Locale;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/** Turns libvirt's errors into messages that say what went wrong and what to do about it. */
final class LibvirtErrors {
    private LibvirtErrors() {
    }

    static HostException missingLibrary(LinkageError e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // JNA's own message goes on to list the whole class path: its first line is what matters
        String reason = String.valueOf(root.getMessage()).lines().findFirst().orElse("").strip();
        return new HostException("libvirt's client library (libvirt.so.0) could not be loaded: install it with "
                + "'apt install libvirt0' (Debian/Ubuntu) and try again (" + reason + ")", e);
    }

    /** A failure to open a connection to {@code uri}. */
    static HostException connect(String uri, LibvirtException e) {
        String message = message(e);
        String lower = message.toLowerCase(Locale.ROOT);
        String advice;
        if (lower.contains("permission denied") || lower.contains("authentication unavailable")
                || lower.contains("access denied") || code(e) == Error.ErrorNumber.VIR_ERR_AUTH_FAILED
                || code(e) == Error.ErrorNumber.VIR_ERR_ACCESS_DENIED) {
            advice = lower.contains("publickey") || lower.contains("ssh")
                    ? "check that 'ssh HOST' logs in without a password prompt (use ssh-agent or a key)"
                    : "run Virtwire as root, or add your user to the 'libvirt' group (sudo adduser $USER libvirt) "
                    + "and log in again";
            return new HostException("not allowed to connect to " + uri + ": " + message + ". To fix it: " + advice, e);
        }
        if (lower.contains("ssh") || lower.contains("could not resolve hostname") || lower.contains("host key")
                || lower.contains("connection refused") && uri.contains("+ssh")) {
            return new HostException("could not reach " + uri + " over ssh: " + message + ". Check that "
                    + "'ssh HOST' works from this machine and that libvirt is installed there", e);
        }
        if (lower.contains("no such file") || lower.contains("failed to connect socket")
                || lower.contains("connection refused") || code(e) == Error.ErrorNumber.VIR_ERR_NO_CONNECT) {
            return new HostException("libvirt is not reachable at " + uri + ": " + message + ". Start the daemon "
                    + "(systemctl start libvirtd, or virtqemud for the modular daemons) or check the URI", e);
        }
        return new HostException("could not connect to " + uri + ": " + message, e);
    }

    /** A failed call on an open connection; {@code what} says what Virtwire was doing, in words. */
    static HostException call(String what, LibvirtException e) {
        String message = message(e);
        String advice = "";
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("cannot recv data") || lower.contains("cannot write data")
                || lower.contains("client socket is closed") || lower.contains("connection reset")) {
            advice = ". libvirtd closed the connection (it was stopped or restarted): open the host again once "
                    + "libvirtd is back";
        } else if (message.contains("unable to change config on 'direct' network type")) {
            advice = ". A running guest's NIC cannot be turned into a macvtap one in place: change the saved "
                    + "config and restart the guest, or unplug the NIC and plug a new one";
        } else if (message.contains("is not active")) {
            advice = ". Start it first";
        } else if (lower.contains("permission denied") || lower.contains("access denied")) {
            advice = ". Changing guests needs a read-write connection: run Virtwire as root or as a member of the "
                    + "'libvirt' group";
        }
        return new HostException(what + " failed: " + message + advice, e);
    }

    static boolean isGone(LibvirtException e) {
        Error.ErrorNumber c = code(e);
        return c == Error.ErrorNumber.VIR_ERR_NO_DOMAIN || c == Error.ErrorNumber.VIR_ERR_NO_NETWORK
                || c == Error.ErrorNumber.VIR_ERR_INVALID_DOMAIN || c == Error.ErrorNumber.VIR_ERR_INVALID_NETWORK;
    }

    static boolean isUnsupported(LibvirtException e) {
        Error.ErrorNumber c = code(e);
        return c == Error.ErrorNumber.VIR_ERR_NO_SUPPORT || c == Error.ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED
                || c == Error.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED;
    }

    static String message(LibvirtException e) {
        Error error = e.getError();
        String m = error == null ? e.getMessage() : error.getMessage();
        return m == null ? "unknown libvirt error" : m.strip();
    }

    private static Error.ErrorNumber code(LibvirtException e) {
        return e.getError() == null ? Error.ErrorNumber.VIR_ERR_UNKNOWN : e.getError().getCode();
    }
}
