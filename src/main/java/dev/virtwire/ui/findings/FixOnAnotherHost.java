package dev.virtwire.ui.findings;

import dev.virtwire.change.GuestIntent;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.Messages;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

/**
 * The same repair as a fleet finding's offered fix, made on another host instead (a duplicate MAC: which clone
 * gets the new one is the user's call, as {@code fleet fix --host} is on the command line): one button per other
 * host, saying whether the guest there runs and so has its NIC unplugged and plugged in again. Its full description
 * (with the new MAC) is its tooltip; its preview, as the offered fix's, shows the exact commands.
 */
final class FixOnAnotherHost {
    private FixOnAnotherHost() {
    }

    /** A button per fix after the one offered, id {@code fix-instead-HOST-ID}. */
    static List<Button> buttons(Messages text, FleetFinding f, HostsNow hosts,
                                Consumer<FleetFinding.HostFix> onFix) {
        return f.fixes().stream().skip(1).map(x -> {
            Button b = new Button(label(text, x, hosts.snapshot(x.host())));
            b.setId("fix-instead-" + x.host() + "-" + f.id());
            b.setWrapText(true);
            b.getStyleClass().add("fix-instead");
            b.setTooltip(new Tooltip(x.fix().description()));
            b.setOnAction(e -> onFix.accept(x));
            return b;
        }).toList();
    }

    /**
     * "Or give nas on kvm1 a new MAC instead (it runs: its NIC is unplugged and plugged in again)", from the
     * guest's state on that host as drawn now; the fix's own description where that guest is not known (no snapshot, another repair).
     */
    static String label(Messages text, FleetFinding.HostFix fix, Optional<HostSnapshot> now) {
        if (fix.fix().intent() instanceof GuestIntent.SetNicMac mac) {
            Optional<GuestState> state = now.flatMap(s -> s.guest(mac.guest())).map(Guest::state);
            if (state.isPresent()) {
                String words = switch (state.get()) {
                    case RUNNING -> "findings.fix.instead.running";
                    case PAUSED -> "findings.fix.instead.paused";
                    default -> "findings.fix.instead.stopped";
                };
                return text.format(words, mac.guest(), fix.host());
            }
        }
        return text.format("findings.fix.instead", fix.host(), fix.fix().description());
    }
}
