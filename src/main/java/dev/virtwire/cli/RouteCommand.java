package dev.virtwire.cli;

import dev.virtwire.change.Intent;
import dev.virtwire.change.RouteIntent;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "route", synopsisSubcommandLabel = "COMMAND", description = {"Add or remove a route of the host "
        + "(a default route runs under the revert timer).", ChangeSession.DEMO_NOTE},
        subcommands = {RouteCommand.Add.class, RouteCommand.Remove.class})
final class RouteCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add or remove");
    }

    abstract static class RouteChange extends IntentCommand {
        @Parameters(index = "0", paramLabel = "DESTINATION",
                converter = ArgumentSyntax.Destination.class, description = "default or a CIDR, e.g. 10.1.0.0/16")
        String destination;
        @Option(names = "--via", paramLabel = "GATEWAY", converter = ArgumentSyntax.Address.class)
        String via;
        @Option(names = "--dev", required = true, paramLabel = "LINK", converter = ArgumentSyntax.Link.class)
        String device;
        @Option(names = "--metric", paramLabel = "N", converter = ArgumentSyntax.Metric.class)
        Integer metric;
    }

    @Command(name = "add", description = "ip route add DESTINATION [via GATEWAY] dev LINK [metric N]")
    static final class Add extends RouteChange {
        Intent intent() {
            return new RouteIntent.AddRoute(destination, Optional.ofNullable(via), device, Optional.ofNullable(metric));
        }
    }

    @Command(name = "remove", description = "ip route del DESTINATION [via GATEWAY] dev LINK [metric N]")
    static final class Remove extends RouteChange {
        Intent intent() {
            return new RouteIntent.RemoveRoute(destination, Optional.ofNullable(via), device, Optional.ofNullable(metric));
        }
    }
}
