package dev.virtwire.cli;

import dev.virtwire.change.Changes;
import dev.virtwire.change.RouteMemory;
import dev.virtwire.diagnose.CommandProbes;
import dev.virtwire.diagnose.Probes;
import dev.virtwire.diagnose.Troubleshooter;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts;
import dev.virtwire.diagnose.fleet.PathAcrossHosts;
import dev.virtwire.host.Host;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.host.fleet.FleetList;
import dev.virtwire.host.exec.Background;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code virtwire diagnose kvm1:web1 --to guest:kvm2:db1}: both hosts of the fleet list opened and read whole (a
 * guest elsewhere may hold the far end's address), each half diagnosed there with its own probes, then the segment between them.
 */
final class DiagnoseAcrossHosts {
    private DiagnoseAcrossHosts() {
    }

    /** A guest on a host of the fleet list, as {@code HOST:GUEST} names it. */
    record FleetGuest(FleetEntry host, String guest) {
    }

    /** One host opened for the diagnosis: what was read, its history (for fix previews), how to reach it. */
    record Opened(FleetGuest guest, Host host, Changes changes, PathAcrossHosts.Side side,
                  SuggestedCommands suggestions) implements AutoCloseable {
        @Override
        public void close() {
            try (host; changes) {
                // both closed, the history first
            }
        }
    }

    /**
     * The target's host and guest when {@code guest:HOST:NAME} names a host of the fleet list; empty for a plain
     * {@code guest:NAME} (a guest of the one host, whose name may itself hold a ':').
     */
    static Optional<FleetGuest> target(String to, HostOptions options) {
        return Id.tryParse(to).filter(Id.Guest.class::isInstance).map(id -> ((Id.Guest) id).name())
                .flatMap(name -> named(name, options));
    }

    /** The source guest of a diagnosis across hosts: it must name its host too. */
    static FleetGuest source(String guest, HostOptions options) {
        List<FleetEntry> hosts = new FleetList(options.configDirOrDefault()).hosts();
        String notOnTheList = guest.indexOf(':') > 0 ? " (" + guest.substring(0, guest.indexOf(':'))
                + " is not one of them)" : "";
        return named(guest, options).orElseThrow(() -> new IllegalArgumentException("the target names a host "
                + "of the fleet list, so the guest must too" + notOnTheList + ": give it as HOST:GUEST, e.g. "
                + hosts.get(0).name() + ":web1 (hosts: " + hosts.stream().map(FleetEntry::name).toList() + ")"));
    }

    /**
     * Why {@code to} cannot be diagnosed from {@code guest}: {@code to} names a guest of a host that is not on the
     * fleet list ({@code guest:HOST:NAME}) and the guest names its host too ({@code HOST:GUEST}), either one of the
     * list or, when no option names a host to read instead, one that is not on it either; empty when nothing says so.
     */
    static Optional<String> unknownTargetHost(String guest, String to, HostOptions options) {
        Optional<String> targetHost = Id.tryParse(to).filter(Id.Guest.class::isInstance)
                .map(id -> ((Id.Guest) id).name()).flatMap(DiagnoseAcrossHosts::hostPart);
        if (targetHost.isEmpty()) {
            return Optional.empty();
        }
        FleetList list = new FleetList(options.configDirOrDefault());
        List<String> names = list.hosts().stream().map(FleetEntry::name).toList();
        if (named(guest, options).isPresent()) {
            return Optional.of(to + ": " + targetHost.get() + " is not a host of the fleet list (hosts: " + names
                    + "): name the target as guest:HOST:NAME with one of them, or add it (virtwire hosts add "
                    + targetHost.get() + " --connect URI)");
        }
        Optional<String> sourceHost = hostPart(guest);
        if (sourceHost.isEmpty() || options.namesAHost()) {
            return Optional.empty(); // a guest of the one host read, whose name may itself hold a ':'
        }
        List<String> missing = sourceHost.get().equals(targetHost.get()) ? List.of(sourceHost.get())
                : List.of(sourceHost.get(), targetHost.get());
        String listed = names.isEmpty() ? "virtwire hosts list has none: " + list.file() + " holds no hosts yet"
                : "virtwire hosts list has " + String.join(", ", names);
        return Optional.of(String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                + " not in the fleet list (" + listed + "): add "
                + (missing.size() == 1 ? "it" : "each") + " with virtwire hosts add NAME --connect URI, e.g. "
                + "virtwire hosts add " + missing.get(0) + " --connect qemu+ssh://root@" + missing.get(0)
                + "/system; for a guest of one host, name that host instead: virtwire diagnose GUEST --to TARGET "
                + "--connect URI");
    }

    /** {@code kvm1} of {@code kvm1:web1}. */
    private static Optional<String> hostPart(String name) {
        int colon = name.indexOf(':');
        return colon > 0 && colon < name.length() - 1 ? Optional.of(name.substring(0, colon)) : Optional.empty();
    }

    private static Optional<FleetGuest> named(String text, HostOptions options) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        return new FleetList(options.configDirOrDefault()).hosts().stream().filter(h -> h.name().equals(host))
                .findFirst().map(h -> new FleetGuest(h, text.substring(colon + 1)));
    }

    static DiagnosisAcrossHosts run(FleetGuest from, Optional<String> nic, FleetGuest to, boolean probe,
                                    Path stateDir, Output output) {
        if (from.host().name().equals(to.host().name())) {
            throw new IllegalArgumentException(from.guest() + " and " + to.guest() + " are both on "
                    + from.host().name() + ": ask that host alone, virtwire diagnose " + from.guest() + " --to guest:"
                    + to.guest() + " --connect " + from.host().address().uri());
        }
        // the two hosts are read at once: over ssh each read takes seconds
        CompletableFuture<Opened> far = Background.start("virtwire-open-" + to.host().name(),
                () -> open(to, probe, stateDir));
        Opened near;
        try {
            near = open(from, probe, stateDir);
        } catch (RuntimeException e) {
            far.thenAccept(Opened::close);
            throw e;
        }
        try (Opened source = near;
             Opened target = Background.joined(far)) {
            DiagnosisAcrossHosts diagnosis = PathAcrossHosts.diagnose(source.side(), from.guest(), nic,
                    target.side(), to.guest());
            output.print(diagnosis, source, target);
            return diagnosis;
        }
    }

    /** How a diagnosis is printed, with each half's fix previews from its own host. */
    interface Output {
        void print(DiagnosisAcrossHosts diagnosis, Opened source, Opened target);
    }

    private static Opened open(FleetGuest guest, boolean probe, Path stateDir) {
        FleetEntry entry = guest.host();
        Host host = HostOptions.open(entry.address(), stateDir);
        try {
            SuggestedCommands suggestions = SuggestedCommands.forHost(entry.address(), stateDir);
            Changes changes = new Changes(host, entry.address(), stateDir, suggestions);
            HostSnapshot snapshot = host.snapshot();
            Probes probes = probe ? CommandProbes.at(entry.address()) : Probes.none();
            RouteMemory memory = new RouteMemory(stateDir, entry.address());
            memory.remember(snapshot);
            Troubleshooter troubleshooter = new Troubleshooter(probes).remembering(memory.defaults())
                    .suggesting(suggestions);
            return new Opened(guest, host, changes, new PathAcrossHosts.Side(entry.name(), snapshot, troubleshooter,
                    probes.forOneDiagnosis()), suggestions);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }
}
