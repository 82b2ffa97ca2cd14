package dev.virtwire.host;

/**
 * A host Virtwire can both read and change: the demo host, a local or remote libvirt host, the lab. Its
 * changes are grouped by what they touch; an operation uses only the part it needs.
 */
public interface Host extends HostReader {

    /** Guest NICs (libvirt guests). */
    GuestNics guests();

    /** libvirt's virtual networks. */
    LibvirtNetworks virtualNetworks();

    /** Links, addresses and routes (iproute2). */
    KernelLinks kernel();

    /** Port forwards and forward-filter accepts. */
    HostFirewall firewall();

    /** Kernel settings (IPv4 forwarding). */
    Sysctl sysctl();

    @Override
    default java.util.Optional<String> savedSysctls() {
        return sysctl().savedFile();
    }

    /** The host-side confirm-or-revert timer. */
    RevertWatchdog watchdog();

    /** What the host's network configuration manager saves (profiles, files) and its checkpoint. */
    SavedNetworkConfig savedConfig();
}
