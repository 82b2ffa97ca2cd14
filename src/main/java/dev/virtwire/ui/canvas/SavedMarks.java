package dev.virtwire.ui.canvas;

import dev.virtwire.model.AfterReboot;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkConfig;
import dev.virtwire.model.SavedLink;
import dev.virtwire.ui.canvas.DiagramNode.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The canvas's marks for drift between what runs and what the network managers saved: a running link gone after
 * a reboot or running otherwise than saved, and a box for each link a manager starts at boot that does not run.
 * Nothing is marked when the saved configuration was not read, or for what the kernel and libvirt make.
 */
final class SavedMarks {
    private final HostSnapshot snapshot;
    private final AfterReboot reboot;
    private final ResourceBundle text;

    SavedMarks(HostSnapshot snapshot, ResourceBundle text) {
        this.snapshot = snapshot;
        this.reboot = AfterReboot.of(snapshot);
        this.text = text;
    }

    /** The mark of a running link, if it has one. */
    Optional<SavedMark> of(Link link) {
        return switch (reboot.of(link)) {
            case GONE -> Optional.of(new SavedMark(SavedMark.Kind.GONE_AFTER_REBOOT, text.getString("saved.gone"),
                    List.of(snapshot.saved().owner(link.name())
                            .map(s -> String.format(text.getString("saved.not-at-boot"), s.owner().json(), s.source()))
                            .orElse(text.getString("saved.by-nobody")))));
            case DIFFERENT -> {
                LinkConfig config = snapshot.config(link).orElseThrow();
                List<String> hover = new ArrayList<>();
                hover.add(config.manager().json() + config.profile().map(p -> " · " + p).orElse(""));
                hover.addAll(config.drift());
                // the fields only ("mtu", "master, addresses"): the box is narrow, the hover and inspector say more
                String fields = String.join(", ", config.drift().stream().map(d -> d.substring(0, d.indexOf(':')))
                        .distinct().toList());
                yield Optional.of(new SavedMark(SavedMark.Kind.NOT_AS_SAVED, text.getString("saved.different") + ": "
                        + fields, hover));
            }
            default -> Optional.empty();
        };
    }

    /** Boxes for the links a manager starts at boot that do not run now. */
    List<DiagramNode> savedNotRunning() {
        List<DiagramNode> out = new ArrayList<>();
        for (SavedLink s : reboot.savedNotRunning()) {
            boolean bridge = snapshot.saved().links().stream().anyMatch(p -> p.master().filter(s.name()::equals)
                    .isPresent());
            String what = s.vlanId().isPresent() ? text.getString("link.vlan") + " " + s.vlanId().getAsInt()
                    : text.getString(bridge ? "link.bridge" : "link.other");
            SavedMark mark = new SavedMark(SavedMark.Kind.SAVED_NOT_RUNNING, text.getString("saved.not-running"),
                    List.of(s.owner().json() + " · " + s.source()));
            out.add(new DiagramNode(BoxKey.of(new Id.Link(s.name())), bridge ? Kind.BRIDGE : Kind.HOST_NIC,
                    bridge ? 2 : 1, s.name(), List.of(what + " · " + s.owner().json()), List.of(),
                    List.of(mark.kind().style()), List.of(), List.of(s.name().toLowerCase(java.util.Locale.ROOT)),
                    Optional.of(mark)));
        }
        return out;
    }

    /** Where a saved-only link would be a port: its saved master's box. */
    static Optional<String> savedMaster(HostSnapshot snapshot, String link) {
        return snapshot.saved().owner(link).flatMap(SavedLink::master);
    }
}
