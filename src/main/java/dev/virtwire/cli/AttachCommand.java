package dev.virtwire.cli;

import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.GuestIntent;
import dev.virtwire.host.Scope;
import dev.virtwire.model.NicType;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "attach", description = {"Plug a guest NIC into a libvirt network, a Linux bridge or a host NIC "
        + "(macvtap), keeping its MAC, model and PCI slot (virsh update-device).", ChangeSession.DEMO_NOTE})
final class AttachCommand implements Callable<Integer> {
    @Mixin
    ChangeOptions change;

    @Parameters(index = "0", paramLabel = "GUEST", converter = ArgumentSyntax.Libvirt.class)
    String guest;

    @Option(names = "--nic", required = true, paramLabel = "MAC",
            converter = ArgumentSyntax.MacAddress.class, description = "The NIC's MAC address.")
    String nic;

    @Option(names = "--to", required = true, paramLabel = "KIND:NAME", converter = ArgumentSyntax.NicSource.class,
            description = "network:NAME, bridge:NAME or direct:DEVICE")
    String to;

    @Option(names = "--scope", paramLabel = "SCOPE", converter = ArgumentSyntax.ScopeWord.class, defaultValue = "both",
            description = "live, saved (libvirt's config) or both (default: ${DEFAULT-VALUE}; a shut-off guest: saved).")
    String scope;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ChangeSession.change(spec, change, true, () -> {
            int colon = to.indexOf(':');
            if (colon <= 0) {
                throw new ChangeRefused("--to " + to + ": say network:NAME, bridge:NAME or direct:DEVICE");
            }
            NicType type = switch (to.substring(0, colon).toLowerCase(Locale.ROOT)) {
                case "network" -> NicType.NETWORK;
                case "bridge" -> NicType.BRIDGE;
                case "direct" -> NicType.DIRECT;
                default -> throw new ChangeRefused("--to " + to + ": the kind is network, bridge or direct");
            };
            return new GuestIntent.AttachNic(guest, nic, type, to.substring(colon + 1), scope());
        });
    }

    private Scope scope() {
        return switch (scope) {
            case "live" -> Scope.LIVE;
            case "saved" -> Scope.CONFIG;
            default -> Scope.BOTH;
        };
    }
}
