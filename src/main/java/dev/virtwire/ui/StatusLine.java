package dev.virtwire.ui;

import dev.virtwire.model.HostSnapshot;
import java.util.ArrayList;
import java.util.List;

/** The status bar's line for the host on show: its name and where it is, libvirt, when it was read, what was not. */
final class StatusLine {

    private StatusLine() {
    }

    static String of(HostSession session, Messages text) {
        HostSnapshot s = session.snapshot();
        List<String> parts = new ArrayList<>();
        parts.add(text.format("status.host", s.host().name() + " (" + text.where(session.address()) + ")"));
        s.host().libvirtVersion().ifPresent(v -> parts.add(text.format("status.libvirt", v)));
        parts.add(text.format("status.refreshed", TimeOfDay.of(s.takenAt())));
        if (!s.gaps().isEmpty()) {
            parts.add(text.format("status.gaps", s.gaps().size()));
        }
        return String.join("   ·   ", parts);
    }
}
