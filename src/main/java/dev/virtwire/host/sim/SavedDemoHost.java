package dev.virtwire.host.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandLine;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.json.SnapshotJsonReader;
import dev.virtwire.model.json.TopologyJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The demo host whose state lasts from one process to the next: kept as topology JSON in {@code DIR/host.json},
 * written atomically after each change and read at start, so `mode … --demo`, `topology --demo` and `undo --demo`
 * are one session, shared with the window. DIR also holds the demo's history; a missing host.json starts both
 * afresh. What the simulation keeps beside the topology (stopped networks' bridges, remembered leases, armed
 * revert timers) lasts only for one process.
 */
public final class SavedDemoHost {
    private static final String FILE = "host.json";
    /** Revert watchdogs armed by a change that waits for confirmation: the host keeps them running. */
    private static final String REVERTS = "reverts.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object OPENING = new Object();

    private SavedDemoHost() {
    }

    /**
     * The demo host as it was left in {@code dir}, or a fresh one (with a fresh history) when there is none. One
     * open at a time in this process: a fleet of two demo hosts opens both at once on one state dir, and the second's
     * start-over deleted the state the first was writing.
     */
    public static SimulatedHost open(Path dir) {
        Path file = dir.resolve(FILE);
        SimulatedHost host;
        synchronized (OPENING) {
            if (Files.exists(file)) {
                host = new SimulatedHost(read(file));
            } else {
                reset(dir); // a history without its host would describe another host
                host = SimulatedHost.demo();
                save(file, host.snapshot());
            }
        }
        host.watch(change -> save(file, change.snapshot()));
        keepReverts(host, dir.resolve(REVERTS));
        return host;
    }

    /** Forgets the demo host's state and history: the next open starts from the built-in scenario. */
    public static void reset(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new HostException("cannot remove the demo host's state in " + dir + " (" + reason(e)
                    + "): remove it by hand, or give another --state-dir");
        }
    }

    /**
     * A real host's watchdog runs whether or not Virtwire does: the demo's is kept in {@code reverts.json} and
     * armed again at its old deadline (one already past runs at once).
     */
    private static void keepReverts(SimulatedHost host, Path file) {
        host.reverts().onChange(() -> {
            try {
                write(file, JSON.writeValueAsString(host.reverts().pending()));
            } catch (IOException | UncheckedIOException e) {
                throw new HostException("cannot keep the demo host's revert timers in " + file + " (" + reason(e)
                        + "): give a --state-dir that can be written");
            }
        });
        if (Files.exists(file)) {
            try {
                for (SimulatedWatchdog.Pending p : JSON.readValue(file.toFile(), SimulatedWatchdog.Pending[].class)) {
                    host.reverts().restore(p);
                }
            } catch (IOException | RuntimeException e) {
                throw new HostException("the demo host's revert timers " + file + " are damaged: start over with `"
                        + resetCommand(file.getParent()) + "`");
            }
        }
    }

    private static HostSnapshot read(Path file) {
        try {
            return SnapshotJsonReader.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HostException("cannot read the demo host's state " + file + " (" + reason(e) + ")");
        } catch (IllegalArgumentException e) {
            // the reader's refusal says which entry is wrong and what it allows: a hand edit can be put right
            throw new HostException("the demo host's state " + file + " is damaged (" + e.getMessage() + "): put it "
                    + "right, or start over with `" + resetCommand(file.getParent()) + "`");
        } catch (RuntimeException e) {
            throw new HostException("the demo host's state " + file + " is damaged: start over with `"
                    + resetCommand(file.getParent()) + "`");
        }
    }

    private static void save(Path file, HostSnapshot snapshot) {
        try {
            write(file, TopologyJson.toText(snapshot));
        } catch (IOException | UncheckedIOException e) {
            throw new HostException("cannot keep the demo host's state in " + file.getParent() + " ("
                    + reason(e) + "): give a --state-dir that can be written");
        }
    }

    /**
     * Replaces the file in one step: a killed process leaves the old or the new content, never half of one. Each
     * write stages its own file: two demo hosts on one state dir (a fleet of two, two commands at once) write at once.
     */
    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** What went wrong with a file, in words: "/x/state: Not a directory", "/x/y: no such file". */
    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String what = cause.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        if (cause instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : what);
        }
        return cause.getMessage() == null ? what : cause.getMessage();
    }

    /** The command that starts the demo over in this state dir, to paste. */
    private static String resetCommand(Path dir) {
        return CommandLine.of(List.of("virtwire", "demo", "reset", "--state-dir", dir.getParent().toString()));
    }
}
