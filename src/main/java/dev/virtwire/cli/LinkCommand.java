package dev.virtwire.cli;

import dev.virtwire.change.Intent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "link", synopsisSubcommandLabel = "COMMAND", description = {"Set a host link up or down, or its "
        + "MTU; turn IPv4 forwarding on or off.", ChangeSession.DEMO_NOTE},
        subcommands = {LinkCommand.Up.class, LinkCommand.Down.class, LinkCommand.Mtu.class, LinkCommand.Forwarding.class})
final class LinkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: up, down, mtu or forwarding");
    }

    @Command(name = "up", description = "ip link set LINK up")
    static final class Up extends IntentCommand {
        @Parameters(paramLabel = "LINK", converter = ArgumentSyntax.Link.class)
        String link;

        Intent intent() {
            return new Intent.SetLinkUp(link, true);
        }
    }

    @Command(name = "down", description = "ip link set LINK down")
    static final class Down extends IntentCommand {
        @Parameters(paramLabel = "LINK", converter = ArgumentSyntax.Link.class)
        String link;

        Intent intent() {
            return new Intent.SetLinkUp(link, false);
        }
    }

    @Command(name = "mtu", description = "ip link set LINK mtu N")
    static final class Mtu extends IntentCommand {
        @Parameters(index = "0", paramLabel = "LINK", converter = ArgumentSyntax.Link.class)
        String link;
        @Parameters(index = "1", paramLabel = "MTU", converter = ArgumentSyntax.Mtu.class)
        int mtu;

        Intent intent() {
            return new Intent.SetLinkMtu(link, mtu);
        }
    }

    @Command(name = "forwarding", description = "sysctl -w net.ipv4.ip_forward=1|0")
    static final class Forwarding extends IntentCommand {
        @Parameters(paramLabel = "on|off", converter = ArgumentSyntax.OnOff.class)
        String state;

        Intent intent() {
            if (!state.equals("on") && !state.equals("off")) {
                throw new dev.virtwire.change.ChangeRefused("forwarding " + state + ": say on or off");
            }
            return new Intent.SetIpForward(state.equals("on"));
        }
    }
}
