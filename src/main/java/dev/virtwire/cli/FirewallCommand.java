package dev.virtwire.cli;

import dev.virtwire.change.FirewallIntent;
import dev.virtwire.change.Intent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "firewall", synopsisSubcommandLabel = "COMMAND", description = {"Let a bridge's traffic through "
        + "the host's forward filter (FORWARD, or DOCKER-USER where Docker runs), with iptables rules carrying a "
        + "virtwire:accept: comment.", ChangeSession.DEMO_NOTE},
        subcommands = {FirewallCommand.Allow.class, FirewallCommand.Remove.class})
final class FirewallCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: allow or remove");
    }

    abstract static class BridgeAccept extends IntentCommand {
        @Parameters(index = "0", paramLabel = "BRIDGE",
                converter = ArgumentSyntax.Link.class, description = "the bridge, e.g. virbr0 or br0")
        String bridge;
    }

    @Command(name = "allow", description = "Accept what comes in by BRIDGE and the replies going back to it.")
    static final class Allow extends BridgeAccept {
        Intent intent() {
            return new FirewallIntent.AcceptBridgeTraffic(bridge);
        }
    }

    @Command(name = "remove", description = "Remove the accept rules Virtwire added for BRIDGE.")
    static final class Remove extends BridgeAccept {
        Intent intent() {
            return new FirewallIntent.RemoveBridgeAccept(bridge);
        }
    }
}
