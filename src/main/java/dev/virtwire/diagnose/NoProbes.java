package dev.virtwire.diagnose;

import java.util.Optional;

/** For the demo host and unit tests: the troubleshooter works on the snapshot alone. */
enum NoProbes implements Probes {
    INSTANCE;

    @Override
    public boolean active() {
        return false;
    }

    @Override
    public Optional<ProbeRun> ping(String address, Optional<String> fromAddress) {
        return Optional.empty();
    }

    @Override
    public Optional<ProbeRun> arping(String link, String address) {
        return Optional.empty();
    }

    @Override
    public Optional<ProbeRun> capture(String tap, String mac) {
        return Optional.empty();
    }

    @Override
    public Optional<ProbeRun> leases(String network) {
        return Optional.empty();
    }

    @Override
    public Optional<ProbeRun> fdb(String bridge) {
        return Optional.empty();
    }

    @Override
    public Optional<ProbeRun> bridgePorts() {
        return Optional.empty();
    }

    @Override
    public Optional<ProbeRun> dhcpServers() {
        return Optional.empty();
    }
}
