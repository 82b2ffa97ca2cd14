package dev.virtwire.cli;

import dev.virtwire.change.GuestIntent;
import dev.virtwire.change.Intent;
import dev.virtwire.change.LinkIntent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "uplink", synopsisSubcommandLabel = "COMMAND", description = "Bridge the host's uplink so guests "
        + "can join the LAN, or put a guest on a VLAN of it.", subcommands = {UplinkCommand.Bridge.class,
        UplinkCommand.Vlan.class})
final class UplinkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: bridge or vlan");
    }

    @Command(name = "bridge", description = {"Put NIC into BRIDGE (created if needed) and move its addresses and "
            + "routes (and with --move-mac its MAC) to the bridge. A watchdog on the host reverts all of it unless "
            + "`virtwire confirm` runs within the given time, also when this connection is lost. Where "
            + "NetworkManager owns NIC, a new bridge profile takes over its IPv4 settings, NIC's profile becomes "
            + "its port, and NetworkManager's checkpoint is the revert. Where ifupdown owns NIC, its stanza in "
            + "/etc/network/interfaces moves to the new bridge (NIC as bridge_ports), applied in one command: ifdown NIC, "
            + "the file, ifup BRIDGE (ifup --with-depends where ifupdown2 runs); where systemd-networkd or netplan owns it, its settings move to the bridge's files of "
            + "Virtwire's own. Through ifupdown, networkd and netplan rendered for networkd, the watchdog deletes the "
            + "bridge, puts the old files back and brings NIC up again; netplan rendered for NetworkManager runs under "
            + "NetworkManager's checkpoint, and the watchdog puts its YAML back.",
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
            return new LinkIntent.BridgeUplink(nic, bridge, moveMac, seconds, scope.scope());
        }
    }

    @Command(name = "vlan", description = {"Put a guest's NIC on VLAN ID of the uplink in one step: a VLAN link on "
            + "the trunk (TRUNK.ID, e.g. bond0.42), a bridge of its own on it (brID unless --bridge), and the NIC "
            + "moved onto that bridge. What exists of it already is reused; undo takes back what was made. Where a network "
            + "manager owns the trunk (or will own new links), the VLAN link and its bridge are saved through it (a "
            + "NetworkManager profile, systemd-networkd or netplan files, an ifupdown stanza) and survive a reboot.",
        ChangeSession.DEMO_NOTE})
    static final class Vlan extends IntentCommand {
        @Parameters(index = "0", paramLabel = "GUEST", converter = ArgumentSyntax.Libvirt.class)
        String guest;
        @Option(names = "--nic", required = true, paramLabel = "MAC", converter = ArgumentSyntax.MacAddress.class,
                description = "The NIC's MAC address.")
        String nic;
        @Option(names = "--vlan", required = true, paramLabel = "ID", description = "1 to 4094.",
                converter = ArgumentSyntax.VlanId.class)
        int vlan;
        @Option(names = "--trunk", paramLabel = "LINK", converter = ArgumentSyntax.Link.class, description = "The "
                + "link that carries the VLANs (default: the one under the default route: a VLAN's parent, a bond "
                + "or the NIC).")
        String trunk;
        @Option(names = "--bridge", paramLabel = "BRIDGE", converter = ArgumentSyntax.Link.class, description = "The "
                + "VLAN's bridge (default: the one its VLAN link is in, else brID).")
        String bridge;

        @Mixin
        LinkScopeOption scope;

        Intent intent() {
            return new GuestIntent.PutNicOnVlan(guest, nic, vlan, java.util.Optional.ofNullable(trunk),
                    java.util.Optional.ofNullable(bridge), scope.scope());
        }
    }
}
