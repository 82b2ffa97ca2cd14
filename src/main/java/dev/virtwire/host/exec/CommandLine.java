package dev.virtwire.host.exec;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders an argv as a command line a user could paste into a shell (for previews and evidence only). */
public final class CommandLine {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private CommandLine() {
    }

    public static String of(List<String> argv) {
        return argv.stream().map(CommandLine::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        return SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
