package dev.virtwire.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ids are typed: only {@code model/Id} prints and parses "kind:name", and only the canvas's {@code BoxKey} its
 * group keys. A string literal that starts like an id ({@code "nic:"}, {@code "link:"}...) anywhere else is an id
 * built or sliced by hand. ArchUnit sees classes, not literals, so this reads the sources.
 */
class IdTextTest {
    private static final Path MAIN = Path.of("src/main/java/dev/virtwire");
    /** A literal that opens with an id's kind and its colon. */
    private static final Pattern ID_LITERAL = Pattern.compile(
            "\"(link|network|guest|nic|tap|address|route|sysctl|forward|accept|watchdog|group):");
    /** Where such text is no id, or is the one place that owns it; each with why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "model/Id.java", "the one printer and parser of ids",
            "ui/canvas/BoxKey.java", "the one printer of the canvas's group keys",
            "diagnose/Destination.java", "the command line's destination syntax guest:NAME, not an id",
            "cli/DiagnoseCommand.java", "help text for that syntax",
            "cli/AttachCommand.java", "the command line's target syntax network:/bridge:/direct:, NIC types, not ids",
            "change/JournalJson.java", "reads journals written before ids were typed ('guest/mac' for a NIC)",
            "diagnose/rules/SavingSteps.java", "netplan's YAML key link: (a VLAN's lower device) in a step, not an id");

    @Test
    void noCodeOutsideTheIdTypesBuildsOrSlicesIdText() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !ALLOWED.containsKey(MAIN.relativize(f).toString().replace('\\', '/')))
                    .forEach(f -> found.addAll(idLiterals(MAIN.relativize(f).toString(), read(f))));
        }
        assertEquals(List.of(), found, "use Id (or BoxKey) and pattern matching instead");
    }

    @Test
    void theScanFindsAnIdSlicedByHandAndSkipsComments() {
        String source = """
                /** a box id such as "guest:web1" */
                class Menus {
                    // "link:eth0" in a comment is prose
                    void of(String id) {
                        if (id.startsWith("nic:")) {
                            String guest = id.substring(4);
                        }
                        String key = "network:" + name;
                    }
                }
                """;
        List<String> found = idLiterals("Menus.java", source);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).contains("Menus.java:5"), found.toString());
        assertFalse(idLiterals("Plain.java", "String s = \"not an id: nic\";").size() > 0);
    }

    @Test
    void everyAllowedFileExists() {
        ALLOWED.keySet().forEach(f -> assertTrue(Files.exists(MAIN.resolve(f)), f + " is gone: drop it from the list"));
    }

    private static List<String> idLiterals(String file, String source) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i].strip();
            if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                continue;
            }
            int comment = code.indexOf("//");
            String beforeComment = comment >= 0 ? code.substring(0, comment) : code;
            if (ID_LITERAL.matcher(beforeComment).find()) {
                found.add(file + ":" + (i + 1) + ": " + code);
            }
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
