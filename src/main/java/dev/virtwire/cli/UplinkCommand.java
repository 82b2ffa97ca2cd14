package dev.virtwire.cli;

import dev.virtwire.change.Intent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "uplink", synopsisSubcommandLabel = "COMMAND", description = "Bridge the host's uplink so guests "
        + "can join the LAN.", subcommands = UplinkCommand.Bridge.class)
final class UplinkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: bridge");
    }

    @Command(name = "bridge", description = {"Put NIC into BRIDGE (created if needed) and move its addresses and "
            + "routes (and with --move-mac its MAC) to the bridge. A watchdog on the host reverts all of it unless "
            + "`virtwire confirm` runs within the given time, also when this connection is lost. Where "
            + "NetworkManager owns NIC, a new bridge profile takes over its IPv4 settings, NIC's profile becomes "
            + "its port, and NetworkManager's checkpoint is the revert.",
        ChangeSession.DEMO_NOTE})
    static final class Bridge extends IntentCommand {
        @Parameters(paramLabel = "NIC", converter = ArgumentSyntax.Link.class)
        String nic;
        @Option(names = "--bridge", required = true, paramLabel = "BRIDGE", converter = ArgumentSyntax.Link.class)
        String bridge;
        @Option(names = "--confirm-within", required = true, paramLabel = "SECONDS", description = "10 to 600.")
        int seconds;
        @Option(names = "--move-mac", description = "Give the bridge the NIC's MAC (keeps DHCP leases and "
                + "MAC-bound licences working).")
        boolean moveMac;

        @Mixin
        LinkScopeOption scope;

        Intent intent() {
            return new Intent.BridgeUplink(nic, bridge, moveMac, seconds, scope.scope());
        }
    }
}
