package dev.virtwire.cli;

import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.FirewallIntent;
import dev.virtwire.change.Intent;
import dev.virtwire.model.FirewalldForwardPorts;
import dev.virtwire.model.PortForward;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "forward", synopsisSubcommandLabel = "COMMAND", description = {"Port forwards to guests behind NAT, "
        + "written to the host's firewall (nftables or iptables) with a virtwire:fwd: comment; on a firewalld host "
        + "as firewalld's forward ports (run time and --permanent).", ChangeSession.DEMO_NOTE},
        subcommands = {ForwardCommand.Add.class, ForwardCommand.Remove.class, ForwardCommand.ListForwards.class})
final class ForwardCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add, remove or list");
    }

    /** PROTO HOST-PORT GUEST-IP:PORT, e.g. tcp 8080 192.168.122.10:80. */
    abstract static class Spec3 extends IntentCommand {
        @Parameters(index = "0", paramLabel = "PROTO",
                converter = ArgumentSyntax.Protocol.class, description = "tcp or udp")
        String protocol;
        @Parameters(index = "1", paramLabel = "HOST-PORT", converter = ArgumentSyntax.Port.class)
        int hostPort;
        @Parameters(index = "2", paramLabel = "GUEST-IP:PORT", converter = ArgumentSyntax.AddressAndPort.class)
        String target;

        String guestIp() {
            int colon = target.lastIndexOf(':');
            if (colon <= 0) {
                throw new ChangeRefused(target + ": give the guest's address and port, e.g. 192.168.122.10:80");
            }
            return target.substring(0, colon);
        }

        int guestPort() {
            try {
                return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            } catch (NumberFormatException e) {
                throw new ChangeRefused(target + ": the guest port must be a number from 1 to 65535");
            }
        }
    }

    @Command(name = "add", description = "Forward HOST-PORT to GUEST-IP:PORT.")
    static final class Add extends Spec3 {
        @picocli.CommandLine.Option(names = "--zone", paramLabel = "ZONE",
                converter = ArgumentSyntax.FirewalldZone.class, description = "On a firewalld host: the "
                + "zone the forward port goes in (default: the zone of the link with the default route)")
        String zone = "";

        @picocli.CommandLine.Option(names = "--from", paramLabel = "CIDR",
                converter = ArgumentSyntax.ForwardSource.class, description = "Only for connections from these "
                + "addresses (an IPv4 address or network, e.g. 10.77.0.0/24): the DNAT and the accept match the "
                + "source (nftables, iptables); on a firewalld host a rich rule in the zone")
        String from = "";

        Intent intent() {
            return new FirewallIntent.AddPortForward(protocol, hostPort, guestIp(), guestPort(), zone, from);
        }
    }

    @Command(name = "remove", description = "Remove a forward.")
    static final class Remove extends Spec3 {
        Intent intent() {
            return new FirewallIntent.RemovePortForward(protocol, hostPort, guestIp(), guestPort());
        }
    }

    @Command(name = "list", description = "The forwards Virtwire finds in the firewall.")
    static final class ListForwards implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return ChangeSession.withChanges(spec, (h, changes) -> {
                List<PortForward> forwards = changes.portForwards();
                if (forwards.isEmpty()) {
                    out.println("no port forwards");
                }
                // a forward for some sources only (its DNAT matches them, or a firewalld rich rule): say so
                dev.virtwire.model.FirewallState fw = h.snapshot().firewall();
                List<FirewalldForwardPorts.Found> firewalld = FirewalldForwardPorts.in(fw);
                forwards.forEach(f -> out.println(f.describe() + firewalld.stream().filter(x -> x.forward().equals(f)
                        && !x.from().isEmpty()).findFirst().map(x -> " (from " + x.from() + " only: a rich rule in "
                        + "firewalld's " + x.zone() + " zone)").orElseGet(() -> {
                            String from = PortForward.sourceOf(fw, f);
                            return from.isEmpty() ? "" : " (from " + from + " only)";
                        })));
                return 0;
            });
        }
    }
}
