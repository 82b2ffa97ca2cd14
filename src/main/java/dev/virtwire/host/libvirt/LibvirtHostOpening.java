package dev.virtwire.host.libvirt;

import static dev.virtwire.host.libvirt.ReadThreads.COMMANDS;
import static dev.virtwire.host.libvirt.ReadThreads.GUEST_READERS;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.host.kernel.KernelReader;
import dev.virtwire.host.libvirt.RecentReads.Prefetch;
import dev.virtwire.host.netconf.SavedConfigReader;
import dev.virtwire.model.Link;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.libvirt.LibvirtException;

/**
 * How a {@link LibvirtHost} is opened: its libvirt connection, and where its kernel, firewall and saved
 * configuration are read (at the address's target, or from recorded outputs in tests), their first read started
 * ahead while libvirt connects.
 */
public final class LibvirtHostOpening {
    private LibvirtHostOpening() {
    }

    /** Connects to the address's libvirt URI; the kernel and firewall are read at its target. */
    public static LibvirtHost open(HostAddress address) {
        return open(address, LibvirtConnection::new, false);
    }

    /**
     * As {@link #open(HostAddress)} for a command about some guests, whose first read is
     * {@link LibvirtHost#snapshotOfGuests}: what is read ahead leaves the links' own settings out (on a host with a
     * thousand links, walking every link's IPv6 switches takes a second of CPU); that read asks for those on the
     * guests' path.
     */
    public static LibvirtHost openForGuests(HostAddress address) {
        return open(address, LibvirtConnection::new, true);
    }

    /** As above, with the libvirt connections opened by {@code opener} (a test counts calls). */
    static LibvirtHost open(HostAddress address, LibvirtSession.Opener opener, boolean forGuests) {
        CommandRunner runner = new CommandRunner(address.target());
        KernelReader reader = new KernelReader(runner, COMMANDS);
        return open(address, new KernelSource(reader::read, reader::readLinks, reader::readWithoutLinkSettings,
                        reader::withSettingsOf), new FirewallReader(runner, COMMANDS)::read,
                new SavedConfigReader(runner, COMMANDS)::read, runner, opener, forGuests);
    }

    /**
     * As {@link #open(HostAddress)}, with the kernel and firewall read from elsewhere (recorded outputs), no saved
     * configuration, and the connections opened by {@code opener} (a test breaks them to see the host reconnect).
     */
    static LibvirtHost open(HostAddress address, KernelSource kernel, Supplier<FirewallReader.Reading> firewall,
                            CommandRunner runner, LibvirtSession.Opener opener) {
        return open(address, kernel, firewall, links -> SavedConfigReader.Reading.notRead(), runner, opener, false);
    }

    /** @param forGuests whether the first read will be one of some guests (see {@link #openForGuests}) */
    private static LibvirtHost open(HostAddress address, KernelSource kernel,
                                    Supplier<FirewallReader.Reading> firewall,
                                    Function<List<Link>, SavedConfigReader.Reading> savedConfig,
                                    CommandRunner runner, LibvirtSession.Opener opener, boolean forGuests) {
        if (address.isDemo()) {
            throw new IllegalArgumentException("the demo host is not a libvirt host: open it with Hosts.open");
        }
        // the kernel and firewall commands start now, while libvirt's library loads and connects: a first
        // snapshot right after opening (the CLI, the window) finds them done
        var early = new Prefetch(CompletableFuture.supplyAsync(forGuests ? kernel.withoutLinkSettings()
                : kernel.all(), COMMANDS), CompletableFuture.supplyAsync(firewall, COMMANDS), System.nanoTime(),
                !forGuests);
        try {
            LibvirtLibrary.keepQuiet();
            return new LibvirtHost(address, opener, LibvirtSession.open(opener, address.uri(), GUEST_READERS),
                    kernel, firewall, runner, savedConfig, early);
        } catch (LinkageError e) {
            throw LibvirtErrors.missingLibrary(e);
        } catch (LibvirtException e) {
            throw LibvirtErrors.connect(address.uri(), e);
        }
    }
}
