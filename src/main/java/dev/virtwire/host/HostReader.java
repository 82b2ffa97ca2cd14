package dev.virtwire.host;

import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Reads a host into the model and tells listeners when it changes. */
public interface HostReader extends AutoCloseable {

    /** A fresh, complete read of the host. What could not be read is listed in the snapshot's gaps. */
    HostSnapshot snapshot();

    /**
     * A fresh read of the host for a command about these guests: them, every network, the kernel, the firewall
     * and the saved configuration, but not the other guests (on a host with hundreds, their definitions are most
     * of a read), and of the links' own settings (forwarding, IPv6 switches) only those of the links on their
     * path. The snapshot lists only the guests read. They are compared with every running guest through the
     * host-wide index ({@link dev.virtwire.model.RunningGuestIndex}: the link table's taps and macvtaps, the ARP
     * cache): when it shows one that may share a MAC or an address with them, every guest is read, so that a
     * diagnosis names it as a read of everything does. What the index does not cover (shut-off guests, addresses
     * only a lease or an agent reports) must be said not compared. A named guest that does not exist makes it a
     * read of everything, so that a refusal can name the others. A reader that cannot leave guests out reads
     * everything.
     */
    default HostSnapshot snapshotOfGuests(Set<String> guests) {
        return snapshot();
    }

    /**
     * A read in which the parts in scope are fresh; the other parts come from {@code base} (an earlier read of
     * this host) or a later one. Checking a step reads only what the step is about, not the whole host. A reader
     * that cannot read in parts reads everything, which is always correct.
     */
    default HostSnapshot refresh(HostSnapshot base, ReadScope scope) {
        return snapshot();
    }

    /**
     * A fresh read of one guest as its saved (persistent) config defines it, which a running guest's snapshot
     * does not show: a change to both verifies both halves. Empty when the guest has no saved config (a
     * transient guest) or is gone. A reader that keeps no saved config apart from the running guest (the
     * simulated host) answers with the guest as it is.
     */
    default Optional<Guest> savedGuest(String name) {
        return snapshot().guest(name);
    }

    /**
     * A fresh read of one libvirt network as its saved config defines it (an active network runs with the
     * definition it was started with; {@code net-update --config} changes only the saved one). Empty when it is
     * gone. A reader that keeps no saved config apart answers with the network as it is.
     */
    default Optional<VirtualNetwork> savedNetwork(String name) {
        return snapshot().network(name);
    }

    /**
     * Virtwire's file in /etc/sysctl.d ({@link SysctlConf#PATH}) as it is now, empty when there is none: what a
     * saved sysctl change starts from. A reader that cannot read it refuses with a {@link HostException}.
     */
    default Optional<String> savedSysctls() {
        throw new HostException("this host's saved sysctls (" + SysctlConf.PATH + ") cannot be read");
    }

    /**
     * Whether changes can go through this host's network configuration manager. The simulated host shows the
     * demo's saved configuration but keeps no profiles, so its changes stay live there.
     */
    default boolean changesSavedConfig() {
        return false;
    }

    /**
     * The keyfile of a NetworkManager profile, read fresh with its mode and owner (a change to the profile edits
     * it and undo writes it back byte for byte). Empty when there is no such profile or it is not a keyfile; a
     * reader that keeps no profiles (the simulated host) has none.
     */
    default Optional<dev.virtwire.model.ConfigFile> networkManagerKeyfile(String profile) {
        return Optional.empty();
    }

    /**
     * A file of the host's saved network configuration (a systemd-networkd unit), read fresh with its mode and
     * owner; empty when it is not there or the reader keeps no files (the simulated host).
     */
    default Optional<dev.virtwire.model.ConfigFile> savedFile(String path) {
        return Optional.empty();
    }

    /**
     * Whether files Virtwire writes in /etc are the ones libvirtd reads (its hooks): on the host itself and over
     * ssh. Not inside a network namespace (--netns): its commands see this machine's /etc, and its libvirtd may
     * have another (the lab's binds its own /etc/libvirt), so nothing is saved there for libvirt.
     */
    default boolean writesLibvirtsFiles() {
        return false;
    }

    /**
     * Whether a directory of the host's saved configuration is there (a plan that makes it takes it away again on
     * undo); a reader that keeps no files (the simulated host) says yes: it makes none.
     */
    default boolean savedDirectoryExists(String path) {
        return true;
    }

    /**
     * firewalld's permanent settings as the commands list them ({@link FirewalldCommands#permanentListing}), each
     * command line followed by what it printed; empty when the reader runs no commands (the simulated host).
     */
    default Optional<String> firewalldPermanent(List<List<String>> listing) {
        return Optional.empty();
    }

    /** Calls the listener with every change the host reports, until the returned handle is closed. */
    AutoCloseable watch(Consumer<HostChange> listener);

    /**
     * As {@link #watch(Consumer)}, and tells {@code lost} why when the live updates lose the host (libvirt closed the
     * connection, the kernel's monitor ended): changes may then go unheard until the host is opened again. A host
     * whose updates cannot be lost (the simulated host) never tells it.
     */
    default AutoCloseable watch(Consumer<HostChange> listener, Consumer<String> lost) {
        return watch(listener);
    }

    @Override
    void close();
}
