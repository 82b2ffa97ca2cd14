package dev.virtwire.cli;

import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Intent;
import dev.virtwire.change.NetworkIntent;
import dev.virtwire.model.NetworkMode;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "network", synopsisSubcommandLabel = "COMMAND", description = {"Create, delete, start and stop "
        + "libvirt networks, or switch their mode.", ChangeSession.DEMO_NOTE},
        subcommands = {NetworkCommand.Create.class, NetworkCommand.Delete.class, NetworkCommand.Start.class,
            NetworkCommand.Stop.class, NetworkCommand.Restart.class, NetworkCommand.Mode.class})
final class NetworkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: create, delete, start, stop, "
                + "restart or mode");
    }

    static NetworkMode mode(String text) {
        NetworkMode mode = NetworkMode.fromJson(text);
        if (!mode.json().equals(text.toLowerCase(Locale.ROOT))) {
            throw new ChangeRefused("mode " + text + ": use nat, route, open, isolated, bridge, private, vepa or "
                    + "passthrough");
        }
        return mode;
    }

    @Command(name = "create", description = "Define and start a network, e.g. `network create lan2 --mode nat "
            + "--address 192.168.60.1/24 --dhcp 192.168.60.100-192.168.60.200`.")
    static final class Create extends IntentCommand {
        @Parameters(paramLabel = "NAME", converter = ArgumentSyntax.Libvirt.class)
        String name;
        @Option(names = "--mode", required = true, paramLabel = "MODE",
                converter = ArgumentSyntax.NetworkModeWord.class,
                description = "nat, route, open, isolated, bridge (over --bridge, or macvtap over --device), private, "
                        + "vepa, passthrough")
        String mode;
        @Option(names = "--address", paramLabel = "CIDR",
                converter = ArgumentSyntax.Cidr.class, description = "The host's address on it, e.g. 192.168.60.1/24.")
        String address;
        @Option(names = "--dhcp", paramLabel = "FIRST-LAST",
                converter = ArgumentSyntax.AddressRange.class, description = "DHCP range.")
        String dhcp;
        @Option(names = "--bridge", paramLabel = "BRIDGE", converter = ArgumentSyntax.Link.class)
        String bridge;
        @Option(names = "--device", paramLabel = "NIC", converter = ArgumentSyntax.Link.class)
        String device;
        @picocli.CommandLine.Mixin
        Ipv6NetworkOptions ipv6 = new Ipv6NetworkOptions();

        Intent intent() {
            return new NetworkIntent.CreateNetwork(name, mode(mode), Optional.ofNullable(bridge), Optional.ofNullable(address),
                    end(dhcp, 0), end(dhcp, 1), Optional.ofNullable(device), ipv6.address6(), ipv6.first(),
                    ipv6.last());
        }
    }

    /** The first (0) or last (1) address of a FIRST-LAST range the syntax check let through. */
    static Optional<String> end(String range, int which) {
        return Optional.ofNullable(range).map(r -> which == 0 ? r.substring(0, r.indexOf('-'))
                : r.substring(r.indexOf('-') + 1));
    }

    /** The intent of {@code network create}, its DHCP range given as FIRST-LAST. */
    static NetworkIntent.CreateNetwork create(String name, String mode, Optional<String> bridge, Optional<String> address,
                                       Optional<String> dhcp, Optional<String> device) {
        Optional<String> first = Optional.empty();
        Optional<String> last = Optional.empty();
        if (dhcp.isPresent()) {
            int dash = dhcp.get().indexOf('-');
            if (dash <= 0) {
                throw new ChangeRefused("--dhcp " + dhcp.get() + ": give FIRST-LAST, e.g. 192.168.60.100-192.168.60.200");
            }
            first = Optional.of(dhcp.get().substring(0, dash));
            last = Optional.of(dhcp.get().substring(dash + 1));
        }
        return new NetworkIntent.CreateNetwork(name, mode(mode), bridge, address, first, last, device);
    }

    @Command(name = "delete", description = "Stop and undefine a network no guest uses.")
    static final class Delete extends IntentCommand {
        @Parameters(paramLabel = "NAME", converter = ArgumentSyntax.Libvirt.class)
        String name;

        Intent intent() {
            return new NetworkIntent.DeleteNetwork(name);
        }
    }

    @Command(name = "start", description = "virsh net-start, re-plugging running guests' NICs.")
    static final class Start extends IntentCommand {
        @Parameters(paramLabel = "NAME", converter = ArgumentSyntax.Libvirt.class)
        String name;

        Intent intent() {
            return new NetworkIntent.SetNetworkActive(name, true);
        }
    }

    @Command(name = "stop", description = "virsh net-destroy.")
    static final class Stop extends IntentCommand {
        @Parameters(paramLabel = "NAME", converter = ArgumentSyntax.Libvirt.class)
        String name;

        Intent intent() {
            return new NetworkIntent.SetNetworkActive(name, false);
        }
    }

    @Command(name = "restart", description = {"virsh net-destroy and net-start, plugging running guests' NICs back "
            + "in:", "libvirt starts the network's DHCP server and adds its firewall rules again."})
    static final class Restart extends IntentCommand {
        @Parameters(paramLabel = "NAME", converter = ArgumentSyntax.Libvirt.class)
        String name;

        Intent intent() {
            return new NetworkIntent.RestartNetwork(name);
        }
    }

    @Command(name = "mode", description = {"Switch a network's mode, or change its IPv6 prefix and DHCPv6 range, "
            + "restarting it and re-plugging running guests,", "e.g. `network mode default nat --address6 "
            + "fd00:122::1/64 --dhcp6 fd00:122::100-fd00:122::1ff`."})
    static final class Mode extends IntentCommand {
        @Parameters(index = "0", paramLabel = "NAME", converter = ArgumentSyntax.Libvirt.class)
        String name;
        @Parameters(index = "1", paramLabel = "MODE", converter = ArgumentSyntax.NetworkModeWord.class)
        String mode;
        @Option(names = "--bridge", paramLabel = "BRIDGE", converter = ArgumentSyntax.Link.class)
        String bridge;
        @Option(names = "--device", paramLabel = "NIC", converter = ArgumentSyntax.Link.class)
        String device;
        @Option(names = "--address", paramLabel = "CIDR", converter = ArgumentSyntax.Cidr.class)
        String address;
        @picocli.CommandLine.Mixin
        Ipv6NetworkOptions ipv6 = new Ipv6NetworkOptions();

        Intent intent() {
            return new NetworkIntent.SetNetworkMode(name, mode(mode), Optional.ofNullable(bridge), Optional.ofNullable(device),
                    Optional.ofNullable(address), ipv6.address6(), ipv6.first(), ipv6.last());
        }
    }
}
