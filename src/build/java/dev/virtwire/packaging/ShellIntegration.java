package dev.virtwire.packaging;

import dev.virtwire.cli.VirtwireCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Run by the build (`mvn package`): writes what the packages install for shells from the command line's own
 * model, so completion and the manual cannot drift from `--help`: {@code virtwire.bash} (bash completion),
 * {@code _virtwire} (zsh completion) and {@code virtwire.1} (the manual page).
 * Arguments: OUTPUT_DIR VERSION DATE (the manual's date, YYYY-MM-DD).
 */
public final class ShellIntegration {
    private ShellIntegration() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        CommandLine cli = VirtwireCommand.commandLine();
        // sourced, never run: no #! line
        String bash = AutoComplete.bash("virtwire", cli).replaceFirst("\\A#!.*\n", "");
        Files.writeString(out.resolve("virtwire.bash"), bash);
        Files.writeString(out.resolve("_virtwire"), zsh(bash));
        Files.writeString(out.resolve("virtwire.1"), new ManPage(cli, args[1], args[2]).troff());
    }

    /**
     * zsh runs picocli's bash completion through its own bash emulation (bashcompinit): autoloaded from the
     * file's {@code #compdef} line, the function defines the bash one, registers it for later words and
     * completes the current word with it.
     */
    static String zsh(String bash) {
        return "#compdef virtwire\n"
                + "# zsh completion for virtwire: the bash completion, generated from the command line's model,\n"
                + "# run through zsh's bash emulation\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                // the script aliases bash's compopt once it runs: too late for its functions, parsed with the file
                + "compopt() { :; }\n"
                + bash
                + "\n_bash_complete -F _complete_virtwire -o default\n";
    }
}
