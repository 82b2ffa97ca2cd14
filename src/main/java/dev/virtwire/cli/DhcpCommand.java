package dev.virtwire.cli;

import dev.virtwire.change.Intent;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dhcp", synopsisSubcommandLabel = "COMMAND", description = {"Add or remove DHCP reservations "
        + "(live and persistent).", ChangeSession.DEMO_NOTE},
        subcommands = {DhcpCommand.Add.class, DhcpCommand.Remove.class})
final class DhcpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add or remove");
    }

    @Command(name = "add", description = "Always give MAC the address IP on NETWORK.")
    static final class Add extends IntentCommand {
        @Parameters(index = "0", paramLabel = "NETWORK", converter = ArgumentSyntax.Libvirt.class)
        String network;
        @Parameters(index = "1", paramLabel = "MAC", converter = ArgumentSyntax.MacAddress.class)
        String mac;
        @Parameters(index = "2", paramLabel = "IP", converter = ArgumentSyntax.Address.class)
        String ip;
        @Option(names = "--name", paramLabel = "HOSTNAME")
        String name;

        Intent intent() {
            return new Intent.AddDhcpHost(network, mac, ip, Optional.ofNullable(name));
        }
    }

    @Command(name = "remove", description = "Remove MAC's reservation on NETWORK.")
    static final class Remove extends IntentCommand {
        @Parameters(index = "0", paramLabel = "NETWORK", converter = ArgumentSyntax.Libvirt.class)
        String network;
        @Parameters(index = "1", paramLabel = "MAC", converter = ArgumentSyntax.MacAddress.class)
        String mac;

        Intent intent() {
            return new Intent.RemoveDhcpHost(network, mac);
        }
    }
}
