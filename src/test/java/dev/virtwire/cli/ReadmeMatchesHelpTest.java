package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's command-line section says what `virtwire --help` says: the same options, commands and exit codes. */
class ReadmeMatchesHelpTest {
    private static final Pattern OPTION = Pattern.compile("`(-{1,2}[A-Za-z][a-z-]*)");

    @Test
    void theOptionTableListsTheOptionsHelpLists() throws IOException {
        String table = between(readme(), "<!-- options:", "<!-- /options -->");
        Set<String> documented = new TreeSet<>();
        Matcher m = OPTION.matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> help = new TreeSet<>();
        VirtwireCommand.commandLine().getCommandSpec().options().forEach(o -> help.addAll(Set.of(o.names())));
        assertEquals(help, documented);
    }

    @Test
    void everyCommandIsShown() throws IOException {
        String section = between(readme(), "## Command line", "### The topology JSON");
        CommandLine cli = VirtwireCommand.commandLine();
        cli.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                assertTrue(section.contains("virtwire " + name + " "), "the README shows no `virtwire " + name + "`");
                sub.getSubcommands().keySet().forEach(leaf -> assertTrue(section.contains(leaf),
                        "the README does not name `virtwire " + name + " " + leaf + "`"));
            }
        });
    }

    @Test
    void theExitCodesAreHelpsExitCodes() throws IOException {
        String section = between(readme(), "<!-- exit codes:", "**The log.**");
        VirtwireCommand.commandLine().getCommandSpec().usageMessage().exitCodeList().forEach((code, meaning) ->
                assertTrue(section.contains("| " + code.strip() + " | " + meaning + " |"), "exit code " + code
                        + " (" + meaning + ") is not in the README's table"));
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, from);
        assertTrue(from >= 0 && to > from, "the README has no section from '" + start + "' to '" + end + "'");
        return text.substring(from, to);
    }
}
