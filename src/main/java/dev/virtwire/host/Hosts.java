package dev.virtwire.host;

import dev.virtwire.host.libvirt.LibvirtHostOpening;
import dev.virtwire.host.libvirt.LibvirtLibrary;
import dev.virtwire.host.sim.SavedDemoHost;
import dev.virtwire.host.sim.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens the host an address names: the demo host, or a libvirt host (qemu:///system, qemu+ssh://..., the
 * lab's qemu+unix socket, libvirt's test:/// driver) with its kernel and firewall read at the address's target.
 */
public final class Hosts {
    private Hosts() {
    }

    /** Sockets of a local libvirt daemon (monolithic libvirtd or the modular virtqemud). */
    private static final List<Path> LOCAL_SOCKETS = List.of(Path.of("/run/libvirt/libvirt-sock"),
            Path.of("/run/libvirt/virtqemud-sock"), Path.of("/var/run/libvirt/libvirt-sock"));

    /** The local host when a libvirt daemon runs here, otherwise the demo host. */
    public static HostAddress defaultAddress() {
        return LOCAL_SOCKETS.stream().anyMatch(Files::exists) ? HostAddress.local() : HostAddress.demo();
    }

    /**
     * Starts loading libvirt's client library on a background thread, while the command line is parsed or the
     * window starts: about a third of a second of a cold start. Nothing happens when libvirt is not installed;
     * opening a libvirt host then says so.
     */
    public static void preloadLibvirt() {
        Thread preload = new Thread(LibvirtLibrary::preload, "libvirt preload");
        preload.setDaemon(true);
        preload.start();
    }

    /** Opens a host to read and change it; the demo host starts afresh. */
    public static Host open(HostAddress address) {
        if (address.isDemo()) {
            return SimulatedHost.demo();
        }
        return LibvirtHostOpening.open(address);
    }

    /**
     * Opens a host to read and change it (the CLI); the demo host is the one kept in the state dir, as the last
     * command or the window left it.
     */
    public static Host open(HostAddress address, Path stateDir) {
        if (address.isDemo()) {
            return SavedDemoHost.open(HostAddress.demoStateDir(stateDir));
        }
        // libvirt's native library is loaded when a libvirt URI is used (the launcher may have started it)
        return LibvirtHostOpening.open(address);
    }

    /**
     * As {@link #open(HostAddress, Path)} for a command about some guests, whose first read is
     * {@link HostReader#snapshotOfGuests}: what a libvirt host reads ahead is what that read needs.
     */
    public static Host openForGuests(HostAddress address, Path stateDir) {
        if (address.isDemo()) {
            return SavedDemoHost.open(HostAddress.demoStateDir(stateDir));
        }
        return LibvirtHostOpening.openForGuests(address);
    }

    /** Forgets the demo host kept in the state dir, its history with it: the next open starts afresh. */
    public static void resetDemo(Path stateDir) {
        SavedDemoHost.reset(HostAddress.demoStateDir(stateDir));
    }

    /** Opens a host that will be watched for changes (the window): its connection hears libvirt's events. */
    public static Host openToWatch(HostAddress address, Path stateDir) {
        if (!address.isDemo()) {
            LibvirtLibrary.startEvents();
        }
        return open(address, stateDir);
    }
}
