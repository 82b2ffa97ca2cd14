package dev.virtwire.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The history of one host on disk: {@code STATE_DIR/hosts/HOST/journal.json}. Every write replaces the file
 * atomically, so a killed process leaves either the old or the new journal, never half of one.
 */
final class Journal {
    private static final int VERSION = 1;

    private static final java.util.Map<Path, java.util.concurrent.locks.ReentrantLock> IN_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;

    Journal(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    List<JournalEntry> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = JournalJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root.path("version").asInt() != VERSION) {
                throw new IllegalStateException("the journal " + file + " has version " + root.path("version")
                        + "; this Virtwire reads version " + VERSION + ": move it aside to start a new history");
            }
            List<JournalEntry> entries = new ArrayList<>();
            for (JsonNode e : root.path("entries")) {
                entries.add(JournalJson.MAPPER.treeToValue(e, JournalEntry.class));
            }
            return entries;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the journal " + file + " is damaged (" + e.getOriginalMessage()
                    + "): move it aside to start a new history", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
    }

    /**
     * Holds the host's journal for one change, across processes (the window and a CLI command on the same
     * host): the other waits until the change is written.
     */
    AutoCloseable lock() {
        // file locks are per process: threads of this process queue on a lock of their own first
        java.util.concurrent.locks.ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath(),
                f -> new java.util.concurrent.locks.ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(
                    file.resolveSibling("journal.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = channel.lock();
            return () -> {
                try {
                    lock.release();
                    channel.close();
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw e instanceof IOException io ? new UncheckedIOException("cannot lock the journal " + file, io)
                    : (RuntimeException) e;
        }
    }

    void save(List<JournalEntry> entries) {
        ObjectNode root = JournalJson.MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.set("entries", JournalJson.MAPPER.valueToTree(entries));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            writeDurably(tmp, JournalJson.MAPPER.writeValueAsBytes(root));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    /**
     * The content reaches the disk before the rename makes it the journal: after a power cut the rename may
     * survive while unsynced data does not, which would leave an empty or half journal in place of the old one.
     */
    private static void writeDurably(Path tmp, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** The rename itself is durable once the directory that holds it is (Linux opens a directory to sync it). */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems and platforms refuse to open a directory: the rename stands, only less durably
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }
}
