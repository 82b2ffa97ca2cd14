package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
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
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.code(), "exit code of " + args);
            assertTrue(run.out().startsWith("Usage: virtwire " + String.join(" ", path)), run.out());
        }));
    }

    /** The launcher builds only the command the arguments name: help and mistakes still see every command. */
    @Test
    void helpAndMistakesSeeEveryCommand() {
        CliRun help = CliRun.of("help", "topology");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: virtwire topology"), help.out());
        CliRun all = CliRun.of("--help");
        assertTrue(all.out().contains("diagnose") && all.out().contains("recover"), all.out());
        CliRun typo = CliRun.of("topolgy");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("Did you mean") && typo.err().contains("topology"), typo.err());
        CliRun version = CliRun.of("topology", "--version");
        assertEquals(0, version.code(), version.err());
        assertEquals(CliRun.of("--version").out(), version.out());
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
