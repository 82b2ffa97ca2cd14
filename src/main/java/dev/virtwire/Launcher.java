package dev.virtwire;

import dev.virtwire.change.Changes;
import dev.virtwire.cli.VirtwireCommand;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.log.Log;
import dev.virtwire.log.UncaughtFailures;
import dev.virtwire.ui.VirtwireApp;
import java.nio.file.Path;
import java.util.List;

/**
 * The one main class. On the classpath, a class that extends Application cannot be the main class
 * ("JavaFX runtime components are missing"), so this plain class decides between window and CLI:
 * no arguments or only window options open the window; anything else is the command line.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        UncaughtFailures.catchOnEveryThread();
        Log.useStateDir(Changes.defaultStateDir()); // opened only if something is logged
        List<String> argv = List.of(args);
        boolean libvirtHost = argv.isEmpty() ? !Hosts.defaultAddress().isDemo() : !argv.contains("--demo");
        if (libvirtHost) {
            Hosts.preloadLibvirt(); // loads while the window or the command line starts
        }
        if (argv.isEmpty()) {
            VirtwireApp.open(Hosts.defaultAddress());
        } else if (argv.equals(List.of("--demo"))) {
            VirtwireApp.open(HostAddress.demo());
        } else if (argv.contains("--screenshot")) {
            screenshot(argv);
        } else {
            window(args);
        }
    }

    /** The window on the host the options name; the command line when they are not only connection options. */
    private static void window(String[] args) {
        try {
            VirtwireCommand.windowHost(args).ifPresentOrElse(VirtwireApp::open,
                    () -> System.exit(VirtwireCommand.run(args)));
        } catch (IllegalArgumentException e) {
            System.err.println("virtwire: " + e.getMessage());
            System.exit(2);
        }
    }

    /** {@code virtwire [--demo] --screenshot FILE.png [--size 1600x1000]}: the README's pictures, from the real window. */
    private static void screenshot(List<String> argv) {
        int at = argv.indexOf("--screenshot");
        if (at + 1 >= argv.size()) {
            System.err.println("virtwire: --screenshot needs a file name, e.g. --screenshot assets/screenshots/demo.png");
            System.exit(2);
        }
        int width = 1600;
        int height = 1000;
        int size = argv.indexOf("--size");
        if (size >= 0 && size + 1 < argv.size() && argv.get(size + 1).matches("\\d{3,4}x\\d{3,4}")) {
            String[] wh = argv.get(size + 1).split("x");
            width = Integer.parseInt(wh[0]);
            height = Integer.parseInt(wh[1]);
        }
        HostAddress host = argv.contains("--demo") ? HostAddress.demo() : Hosts.defaultAddress();
        VirtwireApp.screenshot(host, Path.of(argv.get(at + 1)), width, height);
    }
}
