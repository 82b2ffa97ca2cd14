package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostException;
import java.util.Locale;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/**
 * Turns libvirt's errors into messages that say what went wrong and what to do about it. They are told apart
 * by libvirt's error code and domain; the text is read only where libvirt gives no specific code (each place
 * says so), or no error record at all.
 */
final class LibvirtErrors {
    private static final System.Logger LOG = System.getLogger("dev.virtwire.host.libvirt");

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
        Error error = e.getError();
        boolean overSsh = uri.contains("+ssh");
        if (denied(error, message)) {
            String advice = overSsh && transport(error)
                    ? "check that 'ssh HOST' logs in without a password prompt (use ssh-agent or a key)"
                    : "run Virtwire as root, or add your user to the 'libvirt' group (sudo adduser $USER libvirt) "
                    + "and log in again";
            return new HostException("not allowed to connect to " + uri + ": " + message + ". To fix it: " + advice, e);
        }
        if (overSsh && (transport(error) || sshFailureByText(message))) {
            return new HostException("could not reach " + uri + " over ssh: " + message + ". Check that "
                    + "'ssh HOST' works from this machine and that libvirt is installed there", e);
        }
        if (message.contains("CA certificate") || message.contains("certificate file")) {
            // libvirt's remote driver over TLS: the default transport of a remote URI without "+ssh"
            return new HostException("could not connect to " + uri + " over TLS: " + message + ". TLS needs "
                    + "libvirt's certificates on this machine and the host (libvirt's TLS setup guide), or connect "
                    + "over ssh instead: qemu+ssh://HOST/system", e);
        }
        if (unreachable(error, message)) {
            return new HostException("libvirt is not reachable at " + uri + ": " + message + ". Start the daemon "
                    + "(systemctl start libvirtd, or virtqemud for the modular daemons) or check the URI", e);
        }
        return new HostException("could not connect to " + uri + ": " + message, e);
    }

    /** The connection was lost (libvirtd stopped or restarted) and opening a new one failed too. */
    static HostException lost(String uri, String lostAt, LibvirtException e) {
        return new HostException("libvirt at " + uri + " is unreachable: the connection was lost at " + lostAt
                + " and reconnecting failed (" + message(e) + "). Start the daemon (systemctl start libvirtd, or "
                + "virtqemud for the modular daemons); Virtwire reconnects on the next read", e);
    }

    /** A failed call on an open connection; {@code what} says what Virtwire was doing, in words. */
    static HostException call(String what, LibvirtException e) {
        String message = message(e);
        Error error = e.getError();
        String advice = "";
        if (connectionLost(error, message)) {
            advice = ". libvirtd closed the connection (it was stopped or restarted): Virtwire reconnects on the "
                    + "next read once libvirtd is back";
        } else if (code(error) == Error.ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED
                && message.contains("'direct' network type")) {
            // libvirt says it with its generic "unsupported" code: only the message tells which change it refused
            advice = ". A running guest's NIC cannot be turned into a macvtap one in place: change the saved "
                    + "config and restart the guest, or unplug the NIC and plug a new one";
        } else if (notActive(error, message)) {
            advice = ". Start it first";
        } else if (denied(error, message)) {
            advice = ". Changing guests needs a read-write connection: run Virtwire as root or as a member of the "
                    + "'libvirt' group";
        }
        return new HostException(what + " failed: " + message + advice, e);
    }

    /** Authentication or authorisation refused. */
    static boolean denied(Error error, String message) {
        Error.ErrorNumber c = code(error);
        if (c == Error.ErrorNumber.VIR_ERR_AUTH_FAILED || c == Error.ErrorNumber.VIR_ERR_AUTH_CANCELLED
                || c == Error.ErrorNumber.VIR_ERR_AUTH_UNAVAILABLE || c == Error.ErrorNumber.VIR_ERR_ACCESS_DENIED
                || c == Error.ErrorNumber.VIR_ERR_OPERATION_DENIED) {
            return true;
        }
        // a socket the user may not open comes as a plain system error (errno EACCES): no code says "denied"
        String lower = message.toLowerCase(Locale.ROOT);
        return (c == Error.ErrorNumber.VIR_ERR_SYSTEM_ERROR || c == Error.ErrorNumber.VIR_ERR_UNKNOWN)
                && (lower.contains("permission denied") || lower.contains("access denied")
                || lower.contains("authentication unavailable"));
    }

    /** The connection itself failed (the RPC layer: socket closed, reset, unreadable), not the call. */
    static boolean connectionLost(Error error, String message) {
        Error.ErrorNumber c = code(error);
        if (domain(error) == Error.ErrorDomain.VIR_FROM_RPC && (c == Error.ErrorNumber.VIR_ERR_SYSTEM_ERROR
                || c == Error.ErrorNumber.VIR_ERR_INTERNAL_ERROR || c == Error.ErrorNumber.VIR_ERR_RPC)) {
            return true;
        }
        // without an error record (a wrapped failure) only the text is left to go by
        String lower = message.toLowerCase(Locale.ROOT);
        return c == Error.ErrorNumber.VIR_ERR_UNKNOWN && (lower.contains("cannot recv data")
                || lower.contains("cannot write data") || lower.contains("client socket is closed")
                || lower.contains("connection reset"));
    }

    /** The network or guest the call needs running is not. */
    static boolean notActive(Error error, String message) {
        // libvirt's code says "invalid in this state"; which state (not active, or already active) only its text says
        return (code(error) == Error.ErrorNumber.VIR_ERR_OPERATION_INVALID || code(error) == Error.ErrorNumber.VIR_ERR_UNKNOWN)
                && (message.contains("is not active") || message.contains("is not running"));
    }

    /** No daemon answered at the URI's socket. */
    private static boolean unreachable(Error error, String message) {
        Error.ErrorNumber c = code(error);
        if (c == Error.ErrorNumber.VIR_ERR_NO_CONNECT
                || domain(error) == Error.ErrorDomain.VIR_FROM_RPC && c == Error.ErrorNumber.VIR_ERR_SYSTEM_ERROR) {
            return true;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return c == Error.ErrorNumber.VIR_ERR_UNKNOWN && (lower.contains("no such file")
                || lower.contains("failed to connect socket") || lower.contains("connection refused"));
    }

    /** An error of the transport to a remote libvirt (ssh, or libvirt's RPC over it). */
    private static boolean transport(Error error) {
        Error.ErrorDomain d = domain(error);
        return d == Error.ErrorDomain.VIR_FROM_RPC || d == Error.ErrorDomain.VIR_FROM_SSH
                || d == Error.ErrorDomain.VIR_FROM_LIBSSH;
    }

    /** ssh's own words, for an error libvirt passed on without a record of its own. */
    private static boolean sshFailureByText(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("could not resolve hostname") || lower.contains("host key")
                || lower.contains("connection refused");
    }

    static boolean isGone(LibvirtException e) {
        Error.ErrorNumber c = code(e);
        return c == Error.ErrorNumber.VIR_ERR_NO_DOMAIN || c == Error.ErrorNumber.VIR_ERR_NO_NETWORK
                || c == Error.ErrorNumber.VIR_ERR_INVALID_DOMAIN || c == Error.ErrorNumber.VIR_ERR_INVALID_NETWORK;
    }

    static boolean isUnsupported(LibvirtException e) {
        return isUnsupported(e.getError());
    }

    /** The same, for an error record read straight from libvirt (a call libvirt-java does not wrap). */
    static boolean isUnsupported(Error error) {
        Error.ErrorNumber c = code(error);
        return c == Error.ErrorNumber.VIR_ERR_NO_SUPPORT || c == Error.ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED
                || c == Error.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED;
    }

    /** libvirt's own words for the failure; every failure Virtwire reports passes here, and is logged. */
    static String message(LibvirtException e) {
        Error error = e.getError();
        String m = error == null ? e.getMessage() : error.getMessage();
        String message = m == null ? "unknown libvirt error" : m.strip();
        LOG.log(System.Logger.Level.INFO, "libvirt failed: " + code(error) + " from " + domain(error) + ": " + message);
        return message;
    }

    private static Error.ErrorNumber code(LibvirtException e) {
        return code(e.getError());
    }

    private static Error.ErrorNumber code(Error error) {
        return error == null || error.getCode() == null ? Error.ErrorNumber.VIR_ERR_UNKNOWN : error.getCode();
    }

    private static Error.ErrorDomain domain(Error error) {
        return error == null || error.getDomain() == null ? Error.ErrorDomain.VIR_FROM_NONE : error.getDomain();
    }
}
