package dev.virtwire.ui;

import dev.virtwire.ui.canvas.DiagramNode;
import java.util.List;
import java.util.Optional;

/**
 * Ctrl+F: boxes whose name, MAC or IP holds the text, marked on the host on show, or on every host of the fleet
 * (the status line then says which host the one shown is on); Enter goes to the next.
 */
final class WindowSearch {
    private WindowSearch() {
    }

    static List<DiagramNode> find(Optional<HostTab> host, Optional<FleetTab> fleet, String wanted, int index,
                                  WindowStatus status, Messages text) {
        if (fleet.isPresent()) {
            List<FleetTab.Found> found = fleet.get().search(wanted);
            if (!found.isEmpty()) {
                FleetTab.Found shown = found.get(Math.floorMod(index, found.size()));
                fleet.get().reveal(shown);
                status.say(text.format("search.found", found.size(), text.format("search.on-host",
                        shown.node().title(), shown.host())));
            } else {
                status.say(wanted.isBlank() ? "" : text.format("search.none", wanted));
            }
            return found.stream().map(FleetTab.Found::node).toList();
        }
        if (host.isEmpty()) {
            return List.of();
        }
        List<DiagramNode> found = host.get().canvas().diagram().search(wanted);
        host.get().canvas().mark("found", found.stream().map(DiagramNode::id).toList());
        if (found.isEmpty()) {
            status.say(wanted.isBlank() ? "" : text.format("search.none", wanted));
        } else {
            DiagramNode shown = found.get(Math.floorMod(index, found.size()));
            host.get().canvas().reveal(shown.id());
            status.say(text.format("search.found", found.size(), shown.title()));
        }
        return found;
    }
}
