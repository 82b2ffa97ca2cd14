package dev.virtwire.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The lab's daemons as its script sees them ({@code daemon_pid}): a pid file naming a live, non-zombie process. */
final class LabDaemons {

    private LabDaemons() {
    }

    static Optional<Long> alive(Path pidFile) {
        try {
            String digits = Files.readString(pidFile).replaceAll("[^0-9]", "");
            if (digits.isEmpty()) {
                return Optional.empty();
            }
            Path status = Path.of("/proc", digits, "status");
            boolean zombie = Files.readAllLines(status).stream()
                    .anyMatch(line -> line.startsWith("State:") && line.contains("Z"));
            return zombie ? Optional.empty() : Optional.of(Long.parseLong(digits));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // no pid file, or the process is gone
        }
    }
}
