package dev.virtwire.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One log file that rotates by size: when a line would take it past {@code maxBytes}, {@code virtwire.log}
 * becomes {@code virtwire.log.1} (the older ones move up; the oldest beyond {@code keep} goes). The file is
 * opened at the first line, not before: a run that logs nothing touches no disk.
 */
final class LogFile {
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;
    /** Closed for good: a line that comes late (another thread's) is dropped, never written into a dir gone. */
    private boolean retired;

    LogFile(Path file, long maxBytes, int keep) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    Path path() {
        return file;
    }

    /** Appends the text; a log that cannot be written must not break what was being logged. */
    synchronized boolean append(String text) {
        if (retired) {
            return false;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
            return true;
        } catch (IOException e) {
            close();
            return false;
        }
    }

    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // nothing more can be done for a log that cannot close
            }
            out = null;
        }
    }

    /** Closes the file and writes no more. */
    synchronized void retire() {
        retired = true;
        close();
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        close();
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }
}
