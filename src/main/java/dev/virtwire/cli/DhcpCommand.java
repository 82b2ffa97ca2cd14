package dev.virtwire.cli;

import dev.virtwire.change.Intent;
import dev.virtwire.change.NetworkIntent;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dhcp", synopsisSubcommandLabel = "COMMAND", description = {"Add or remove DHCP and DHCPv6 "
        + "reservations (live and persistent).", ChangeSession.DEMO_NOTE},
        subcommands = {DhcpCommand.Add.class, DhcpCommand.Remove.class})
final class DhcpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add or remove");
    }

    @Command(name = "add", description = {"Always give CLIENT the address IP on NETWORK: a MAC for an IPv4 address; "
            + "for an IPv6 one (DHCPv6)", "the client's DUID (e.g. 00:03:00:01:52:54:00:3a:10:01) or its host name."})
    static final class Add extends IntentCommand {
        @Parameters(index = "0", paramLabel = "NETWORK", converter = ArgumentSyntax.Libvirt.class)
        String network;
        @Parameters(index = "1", paramLabel = "CLIENT", converter = ArgumentSyntax.DhcpClient.class)
        String mac;
        @Parameters(index = "2", paramLabel = "IP", converter = ArgumentSyntax.AnyAddress.class)
        String ip;

        /** An IPv4 address is reserved for a MAC: anything else there is a wrong command line (exit 2). */
        @Override
        public Integer call() {
            if (!ip.contains(":")) {
                try {
                    new ArgumentSyntax.MacAddress().convert(mac);
                } catch (picocli.CommandLine.TypeConversionException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            return super.call();
        }
        @Option(names = "--name", paramLabel = "HOSTNAME")
        String name;

        Intent intent() {
            return new NetworkIntent.AddDhcpHost(network, mac, ip, Optional.ofNullable(name));
        }
    }

    @Command(name = "remove", description = "Remove CLIENT's reservation on NETWORK (its MAC, DUID or host name).")
    static final class Remove extends IntentCommand {
        @Parameters(index = "0", paramLabel = "NETWORK", converter = ArgumentSyntax.Libvirt.class)
        String network;
        @Parameters(index = "1", paramLabel = "CLIENT", converter = ArgumentSyntax.DhcpClient.class)
        String mac;

        Intent intent() {
            return new NetworkIntent.RemoveDhcpHost(network, mac);
        }
    }
}
