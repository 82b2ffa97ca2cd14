package dev.virtwire.ui;

import dev.virtwire.host.HostAddress;
import java.nio.file.Path;

/** Placeholder until the window lands from the ui branch (replaced at merge). */
public final class VirtwireApp {
    private VirtwireApp() {
    }

    public static void open(HostAddress initial) {
        throw new UnsupportedOperationException("the window is not merged yet");
    }

    public static void screenshot(HostAddress host, Path png, int width, int height) {
        throw new UnsupportedOperationException("the window is not merged yet");
    }
}
