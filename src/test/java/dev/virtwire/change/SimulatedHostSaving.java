package dev.virtwire.change;

import dev.virtwire.host.GuestNics;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.HostFirewall;
import dev.virtwire.host.KernelLinks;
import dev.virtwire.host.LibvirtNetworks;
import dev.virtwire.host.RevertWatchdog;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.host.Sysctl;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The simulated host with a saved configuration of a test's own (the timers it stops, or the real commands), and the
 * manager's files the test sets (read by path; none unless given).
 */
record SimulatedHostSaving(SimulatedHost sim, SavedNetworkConfig savedConfig, Map<String, ConfigFile> files)
        implements Host {

    SimulatedHostSaving(SimulatedHost sim, SavedNetworkConfig savedConfig) {
        this(sim, savedConfig, Map.of());
    }

    @Override public HostSnapshot snapshot() { return sim.snapshot(); }
    @Override public AutoCloseable watch(Consumer<HostChange> l) { return sim.watch(l); }
    @Override public void close() { sim.close(); }
    @Override public GuestNics guests() { return sim.guests(); }
    @Override public LibvirtNetworks virtualNetworks() { return sim.virtualNetworks(); }
    @Override public KernelLinks kernel() { return sim.kernel(); }
    @Override public HostFirewall firewall() { return sim.firewall(); }
    @Override public Sysctl sysctl() { return sim.sysctl(); }
    @Override public RevertWatchdog watchdog() { return sim.watchdog(); }
    @Override public Optional<ConfigFile> savedFile(String path) { return Optional.ofNullable(files.get(path)); }
}
