package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every command and subcommand explains itself with --help. */
class HelpTest {

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(VirtwireCommand.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() > 20, "expected the whole command tree, got " + paths);
        return paths.stream().map(path -> DynamicTest.dynamicTest(String.join(" ", path), () -> {
            StringWriter out = new StringWriter();
            CommandLine cli = VirtwireCommand.commandLine();
            cli.setOut(new PrintWriter(out));
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            assertEquals(0, cli.execute(args.toArray(String[]::new)), "exit code of " + args);
            assertTrue(out.toString().startsWith("Usage: virtwire"), out.toString());
        }));
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        for (var sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            paths.add(next);
            collect(sub.getValue(), next, paths);
        }
    }
}
