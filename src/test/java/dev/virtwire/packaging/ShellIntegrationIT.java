package dev.virtwire.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.cli.VirtwireCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What `mvn package` generates for shells from the command line's model (target/shell, installed by the
 * packages): the manual page has a section for every command and renders without warnings; bash and zsh complete
 * command names, subcommands and options.
 */
@Tag("package")
class ShellIntegrationIT {
    private static final Path SHELL = Path.of("target/shell");

    @Test
    void theManualHasOneSectionPerCommandAndRendersCleanly() throws Exception {
        Processes.requireTool("man");
        String troff = Files.readString(SHELL.resolve("virtwire.1"));
        for (String command : commands(VirtwireCommand.commandLine())) {
            assertTrue(troff.contains("\n.SS \"" + command + "\"\n"), "no section for " + command + " in virtwire.1");
        }
        Processes.Result rendered = Processes.run(Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8"), 1, "man",
                "--warnings", "-l", "-Tutf8", SHELL.resolve("virtwire.1").toString());
        assertEquals(0, rendered.exitCode(), rendered.shown());
        assertEquals("", rendered.stderr().strip(), "groff's warnings on virtwire.1");
        // without a terminal, man marks bold by overstriking: character, backspace, character
        assertTrue(rendered.stdout().replaceAll(".\b", "").contains("virtwire bridge create"), rendered.stdout());
    }

    @Test
    void bashCompletesCommandsSubcommandsAndOptions() throws Exception {
        assertEquals("bridge", bashCompletes("virtwire", "bri"));
        assertEquals("create delete add-port remove-port", bashCompletes("virtwire", "bridge", ""));
        assertEquals("--json", bashCompletes("virtwire", "topology", "--js"));
    }

    @Test
    void zshCompletesCommandsSubcommandsAndOptions() throws Exception {
        Processes.requireTool("zsh");
        assertTrue(zshLine("virtwire bri").contains("virtwire bridge "));
        assertTrue(zshLine("virtwire bridge cr").contains("virtwire bridge create "));
        assertTrue(zshLine("virtwire topology --js").contains("virtwire topology --json "));
    }

    /** What the bash completion function offers for these words, the last being completed. */
    private static String bashCompletes(String... words) throws Exception {
        String script = "source \"$0\"; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; "
                + "COMP_POINT=${#COMP_LINE}; _complete_virtwire 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        List<String> argv = new ArrayList<>(List.of("bash", "-c", script, SHELL.resolve("virtwire.bash").toString()));
        argv.addAll(List.of(words));
        Processes.Result result = Processes.run(argv.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.shown());
        return result.stdout().strip();
    }

    /** The command line after typing these words and a tab in an interactive zsh (terminal codes removed). */
    private static String zshLine(String typed) throws Exception {
        Processes.Result result = Processes.run("zsh", "-f", "src/test/packaging/complete-in-zsh",
                SHELL.toAbsolutePath().toString(), typed);
        assertEquals(0, result.exitCode(), result.shown());
        String line = result.stdout().replaceAll("\u001b\\[[0-9;?]*[a-zA-Z]", "").replaceAll(".\b", "")
                .lines().filter(l -> l.contains("#END")).findFirst().orElse("");
        assertTrue(!line.contains("command not found: compopt"), result.shown());
        return line;
    }

    /** "virtwire topology", "virtwire bridge create"...: every command and every command of a group. */
    private static List<String> commands(CommandLine parent) {
        List<String> names = new ArrayList<>();
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        for (CommandLine sub : parent.getSubcommands().values()) {
            if (seen.put(sub, true) == null && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                names.add(sub.getCommandSpec().qualifiedName());
                names.addAll(commands(sub));
            }
        }
        return names;
    }
}
