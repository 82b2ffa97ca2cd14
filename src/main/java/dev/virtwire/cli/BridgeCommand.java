package dev.virtwire.cli;

import dev.virtwire.change.Intent;
import dev.virtwire.change.LinkIntent;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bridge", synopsisSubcommandLabel = "COMMAND", description = {"Create and delete Linux bridges, "
        + "add and remove their ports.", ChangeSession.DEMO_NOTE},
        subcommands = {BridgeCommand.Create.class, BridgeCommand.Delete.class, BridgeCommand.AddPort.class,
            BridgeCommand.RemovePort.class})
final class BridgeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: create, delete, add-port "
                + "or remove-port");
    }


    @Command(name = "create", description = "Create a Linux bridge and set it up.")
    static final class Create extends IntentCommand {
        @Parameters(paramLabel = "NAME", converter = ArgumentSyntax.Link.class)
        String name;
        @Option(names = "--stp", description = "Turn on spanning tree (for bridges with several uplinks).")
        boolean stp;
        @Option(names = "--forward-delay", paramLabel = "SECONDS", defaultValue = "15",
                converter = ArgumentSyntax.ForwardDelay.class,
                description = "0 to 30 s, 2 to 30 with STP (default: ${DEFAULT-VALUE}).")
        int forwardDelay;

        @Mixin
        LinkScopeOption scope;

        Intent intent() {
            return new LinkIntent.CreateBridge(name, stp, forwardDelay, scope.scope());
        }
    }

    @Command(name = "delete", description = "Delete a Linux bridge (its ports are released first).")
    static final class Delete extends IntentCommand {
        @Parameters(paramLabel = "NAME", converter = ArgumentSyntax.Link.class)
        String name;

        @Mixin
        LinkScopeOption scope;

        Intent intent() {
            return new LinkIntent.DeleteBridge(name, scope.scope());
        }
    }

    @Command(name = "add-port", description = "Make a link a port of the bridge.")
    static final class AddPort extends IntentCommand {
        @Parameters(index = "0", paramLabel = "BRIDGE", converter = ArgumentSyntax.Link.class)
        String bridge;
        @Parameters(index = "1", paramLabel = "LINK", converter = ArgumentSyntax.Link.class)
        String link;

        @Mixin
        LinkScopeOption scope;

        Intent intent() {
            return new LinkIntent.SetLinkMaster(link, Optional.of(bridge), scope.scope());
        }
    }

    @Command(name = "remove-port", description = "Release a link from its bridge.")
    static final class RemovePort extends IntentCommand {
        @Parameters(paramLabel = "LINK", converter = ArgumentSyntax.Link.class)
        String link;

        @Mixin
        LinkScopeOption scope;

        Intent intent() {
            return new LinkIntent.SetLinkMaster(link, Optional.empty(), scope.scope());
        }
    }
}
