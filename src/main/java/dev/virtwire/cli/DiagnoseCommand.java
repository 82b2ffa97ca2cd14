package dev.virtwire.cli;

import dev.virtwire.change.Changes;
import dev.virtwire.diagnose.Destination;
import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.host.Host;
import dev.virtwire.model.HostSnapshot;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diagnose", description = {"Why can't this guest reach something: its path hop by hop, the "
        + "evidence, and a fix where there is one.",
    "Across hosts of the fleet list: diagnose HOST:GUEST --to guest:HOST:NAME walks both hosts and the LAN "
        + "segment between them.",
    "Exit code 0 whatever the verdict (read \"reachable\" in the JSON); 1 when the question cannot be asked."})
final class DiagnoseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "GUEST",
            converter = ArgumentSyntax.Libvirt.class, description = "The guest (libvirt domain name); HOST:GUEST "
            + "with a host of the fleet list when --to names a guest of another host.")
    String guest;

    @Option(names = "--nic", paramLabel = "MAC",
            converter = ArgumentSyntax.MacAddress.class, description = "Which NIC to follow (default: the one that "
            + "carries this traffic).")
    String nic;

    @Option(names = "--to", paramLabel = "TARGET",
            converter = ArgumentSyntax.Target.class, required = true, description = "host, lan, internet, "
            + "internet6, guest:NAME, guest:HOST:NAME (a guest of another host of the fleet list), an IPv4 or an "
            + "IPv6 address.")
    String to;

    @Option(names = "--internet", paramLabel = "ADDRESS", defaultValue = Destination.DEFAULT_INTERNET,
            description = "The address that stands for the internet (default: ${DEFAULT-VALUE}).")
    String internet;

    @Option(names = "--no-probes", description = "Judge from what libvirt and the kernel report only: no ping, "
            + "arping or capture on the host.")
    boolean noProbes;

    @Option(names = "--json", description = "The diagnosis as JSON (a stable contract for scripts).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Destination destination = Destination.parse(to, internet);
        HostOptions host = HostOptions.of(spec);
        Optional<DiagnoseAcrossHosts.FleetGuest> across = DiagnoseAcrossHosts.target(to, host);
        if (across.isPresent()) {
            return acrossHosts(host, across.get());
        }
        Optional<String> unknownHost = DiagnoseAcrossHosts.unknownTargetHost(guest, to, host);
        if (unknownHost.isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), unknownHost.get());
        }
        try (Host opened = host.openForGuests(); Changes changes = host.changes(opened)) {
            // the guest's own world, not the host's other guests: their definitions are most of a read
            Set<String> guests = Diagnoses.guestsRead(guest, List.of(destination));
            HostSnapshot snapshot = changes.readGuests(guests);
            Diagnosis diagnosis = Diagnoses.troubleshooter(host, !noProbes, snapshot).readingGuests(guests)
                    .diagnose(snapshot, guest, Optional.ofNullable(nic), destination);
            FixPlans plans = FixPlans.of(changes, diagnosis);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? DiagnosisJson.toText(diagnosis, plans) + "\n" : DiagnosisText.of(diagnosis, plans, host,
                    internet.equals(Destination.DEFAULT_INTERNET) ? List.of() : List.of("--internet", internet)));
            out.flush();
            return 0;
        }
    }

    private int acrossHosts(HostOptions host, DiagnoseAcrossHosts.FleetGuest target) {
        if (host.namesAHost()) {
            throw new CommandLine.ParameterException(spec.commandLine(), to + " names hosts of the fleet list, each "
                    + "reached as it was added: --connect, --demo, --netns and --ssh do not go with it");
        }
        PrintWriter out = spec.commandLine().getOut();
        DiagnoseAcrossHosts.run(DiagnoseAcrossHosts.source(guest, host), Optional.ofNullable(nic), target,
                !noProbes, host.stateDirOrDefault(), (d, source, far) -> {
                    if (json) {
                        out.println(AcrossHostsJson.toText(d, source, far));
                        out.flush();
                    } else {
                        AcrossHostsText.print(out, d, source, far, host.suggestions());
                    }
                });
        return 0;
    }
}
