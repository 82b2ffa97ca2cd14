package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostInfo;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.KernelSettings;
import dev.virtwire.model.SavedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Golden files: a case is a folder under src/test/resources holding the inputs and {@code expected.json}.
 * Run with {@code -Dvirtwire.golden.update=true} to (re)write the expected files, then review the diff.
 */
public final class Golden {
    public static final Path RESOURCES = Path.of("src/test/resources/dev/virtwire/host");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final boolean UPDATE = Boolean.getBoolean("virtwire.golden.update");

    private Golden() {
    }

    /** The case folders under a resource folder, e.g. "kernel". */
    public static List<Path> cases(String folder) {
        try (Stream<Path> dirs = Files.list(RESOURCES.resolve(folder))) {
            List<Path> found = dirs.filter(Files::isDirectory).sorted().toList();
            assertTrue(!found.isEmpty(), "no golden cases under " + RESOURCES.resolve(folder));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<String> readIfPresent(Path file) {
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** Compares with the case's expected JSON (or writes it in update mode). */
    public static void assertMatches(Path expectedFile, JsonNode actual) {
        try {
            String actualText = MAPPER.writeValueAsString(actual) + "\n";
            if (UPDATE || !Files.exists(expectedFile)) {
                Files.writeString(expectedFile, actualText, StandardCharsets.UTF_8);
                assertTrue(UPDATE, "wrote missing golden file " + expectedFile + ": review it and run again");
            }
            assertEquals(MAPPER.readTree(read(expectedFile)).toPrettyString(), actual.toPrettyString(),
                    "differs from " + expectedFile + " (update with -Dvirtwire.golden.update=true after review)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty snapshot to hang parsed parts on, so that they are shown in the public topology JSON format. */
    public static HostSnapshot emptySnapshot() {
        return new HostSnapshot(new HostInfo("golden", "test:///golden", Optional.empty()), Instant.EPOCH, List.of(),
                List.of(), KernelSettings.unknown(), List.of(), List.of(), FirewallState.unknown(), SavedConfig.unknown(),
                List.of(), List.of());
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
