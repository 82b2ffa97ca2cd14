package dev.virtwire.cli;

import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "mode", description = {"Switch a guest NIC between NAT and bridged in one step. Bridged picks the "
        + "bridge that carries the LAN uplink (say --bridge when there are several); NAT picks the network "
        + "'default' unless --network says otherwise.", ChangeSession.DEMO_NOTE})
final class ModeCommand implements Callable<Integer> {
    @Mixin
    ChangeOptions change;

    @Parameters(index = "0", paramLabel = "GUEST", converter = ArgumentSyntax.Libvirt.class)
    String guest;

    @Parameters(index = "1", paramLabel = "MODE", description = "nat or bridged",
            converter = ArgumentSyntax.GuestMode.class)
    String mode;

    @Option(names = "--nic", paramLabel = "MAC",
            converter = ArgumentSyntax.MacAddress.class, description = "Which NIC (default: the guest's only NIC).")
    String nic;

    @Option(names = "--bridge", paramLabel = "BRIDGE", converter = ArgumentSyntax.Link.class)
    String bridge;

    @Option(names = "--network", paramLabel = "NETWORK", converter = ArgumentSyntax.Libvirt.class)
    String network;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ChangeSession.changeGuest(spec, change, guest, s -> {
            String mac = nic != null ? nic : onlyNic(s);
            return switch (mode) {
                case "nat" -> new GuestIntent.SwitchToNat(guest, mac, Optional.ofNullable(network));
                case "bridged" -> new GuestIntent.SwitchToBridged(guest, mac, Optional.ofNullable(bridge));
                default -> throw new ChangeRefused("mode " + mode + ": use nat or bridged");
            };
        });
    }

    private String onlyNic(HostSnapshot s) {
        Guest g = s.guest(guest).orElseThrow(() -> new ChangeRefused("there is no guest named '" + guest + "'"));
        if (g.nics().size() != 1) {
            throw new ChangeRefused(guest + " has " + g.nics().size() + " NICs: say which with --nic ("
                    + String.join(", ", g.nics().stream().map(GuestNic::mac).toList()) + ")");
        }
        return g.nics().get(0).mac();
    }
}
