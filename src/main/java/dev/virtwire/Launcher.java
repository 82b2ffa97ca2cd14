package dev.virtwire;

import dev.virtwire.change.Changes;
import dev.virtwire.cli.VirtwireCommand;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.log.Log;
import dev.virtwire.log.UncaughtFailures;
import dev.virtwire.ui.VirtwireApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            openWindow(() -> VirtwireApp.open(Hosts.defaultAddress()));
        } else if (argv.equals(List.of("--demo"))) {
            openWindow(() -> VirtwireApp.open(HostAddress.demo()));
        } else if (argv.contains("--screenshot")) {
            screenshot(argv);
        } else {
            window(args);
        }
    }

    /** The window on the host the options name; the command line when they are not only connection options. */
    private static void window(String[] args) {
        try {
            VirtwireCommand.windowOptions(args).ifPresentOrElse(w -> {
                Log.useStateDir(w.stateDir());
                w.configDir().ifPresent(VirtwireApp::useConfigDir);
                openWindow(() -> VirtwireApp.open(w.host(), w.stateDir()));
            }, () -> System.exit(VirtwireCommand.run(args)));
        } catch (IllegalArgumentException e) {
            exit(2, e.getMessage());
        }
    }

    /** {@code virtwire [--demo] --screenshot FILE.png [--size 1600x1000]}: the README's pictures, from the real window. */
    private static void screenshot(List<String> argv) {
        int at = argv.indexOf("--screenshot");
        if (at + 1 >= argv.size() || argv.get(at + 1).startsWith("-")) {
            exit(2, "--screenshot needs a file name, e.g. --screenshot assets/screenshots/demo.png");
        }
        int width = 1600;
        int height = 1000;
        int size = argv.indexOf("--size");
        if (size >= 0) {
            String wh = size + 1 < argv.size() ? argv.get(size + 1) : "";
            if (!wh.matches("\\d{3,4}x\\d{3,4}") || Integer.parseInt(wh.split("x")[0]) < 320
                    || Integer.parseInt(wh.split("x")[1]) < 240) {
                exit(2, "--size " + wh + ": give WIDTHxHEIGHT in pixels, at least 320x240, e.g. --size 1600x1000");
            }
            width = Integer.parseInt(wh.split("x")[0]);
            height = Integer.parseInt(wh.split("x")[1]);
        }
        Path png = Path.of(argv.get(at + 1)).toAbsolutePath();
        if (png.getParent() == null || Files.isDirectory(png)) {
            exit(2, "--screenshot " + argv.get(at + 1) + " is a folder: give a file name, e.g. "
                    + png.resolve("demo.png"));
        }
        if (!Files.isDirectory(png.getParent()) || !Files.isWritable(png.getParent())) {
            exit(1, "cannot write the screenshot " + png + ": " + png.getParent() + " is not a folder that can be "
                    + "written; give a path in one");
        }
        List<String> rest = new ArrayList<>(argv);
        rest.subList(at, at + 2).clear();
        int sizeAt = rest.indexOf("--size");
        if (sizeAt >= 0) {
            rest.subList(sizeAt, Math.min(sizeAt + 2, rest.size())).clear();
        }
        VirtwireCommand.WindowOptions where;
        try {
            where = rest.isEmpty() ? new VirtwireCommand.WindowOptions(Hosts.defaultAddress(), Changes.defaultStateDir())
                    : VirtwireCommand.windowOptions(rest.toArray(String[]::new)).orElseThrow(() ->
                    new IllegalArgumentException("--screenshot takes only the window's options (--demo, --connect, "
                            + "--netns, --ssh, --state-dir, --size): not " + String.join(" ", rest)));
        } catch (IllegalArgumentException e) {
            exit(2, e.getMessage());
            return;
        }
        Log.useStateDir(where.stateDir());
        int w = width;
        int h = height;
        openWindow(() -> {
            try {
                VirtwireApp.screenshot(where.host(), where.stateDir(), png, w, h);
            } catch (IllegalArgumentException | IllegalStateException e) {
                exit(1, e.getMessage());
            }
        });
    }

    /**
     * JavaFX needs a display; without one it fails with its own words and a stack trace, deep in its start-up.
     * An unset DISPLAY is seen before it starts; one that does not answer, when it fails to open it.
     */
    private static void openWindow(Runnable window) {
        boolean headless = "Monocle".equals(System.getProperty("glass.platform")); // draws without a display
        if (!headless && blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"))) {
            noDisplay("");
        }
        try {
            window.run();
        } catch (UnsupportedOperationException e) {
            if (!String.valueOf(e.getMessage()).contains("DISPLAY")) {
                throw e;
            }
            noDisplay(" (none answers at DISPLAY=" + System.getenv("DISPLAY") + ")");
        }
    }

    private static void noDisplay(String why) {
        System.err.println("Virtwire's window needs a graphical display" + why
                + "; for the command line see `virtwire --help`");
        System.exit(1);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void exit(int code, String message) {
        System.err.println("virtwire: " + message);
        System.exit(code);
    }
}
