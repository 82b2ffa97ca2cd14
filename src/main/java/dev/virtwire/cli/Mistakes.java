package dev.virtwire.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A wrong command line, said in one or two lines (what is wrong, where to look) with exit code 2, instead of
 * picocli's message followed by the whole usage.
 */
final class Mistakes {
    /** picocli's "Invalid value for option '--nic': ..." said as "--nic: ...". */
    private static final Pattern INVALID_OPTION = Pattern.compile("^Invalid value for option '([^']+)': ");
    private static final Pattern INVALID_POSITIONAL = Pattern.compile(
            "^Invalid value for positional parameter at index \\d+ \\(([^)]+)\\): ");

    private Mistakes() {
    }

    static int explain(ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        PrintWriter err = where.getErr();
        err.println("virtwire: " + message(e));
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        err.println("See `" + where.getCommandSpec().qualifiedName() + " --help`.");
        err.flush();
        return ExitCode.USAGE;
    }

    private static String message(ParameterException e) {
        Optional<OptionSpec> option = optionWithoutValue(e);
        if (option.isPresent()) {
            String name = option.get().longestName();
            return name + " needs a value (" + HostOptions.example(name).map(x -> "e.g. " + x)
                    .orElse(option.get().paramLabel()) + ")";
        }
        return INVALID_POSITIONAL.matcher(INVALID_OPTION.matcher(e.getMessage()).replaceFirst("$1: "))
                .replaceFirst("$1: ");
    }

    /** picocli says "Missing required parameter for option" or "Expected parameter for option ... but found". */
    private static Optional<OptionSpec> optionWithoutValue(ParameterException e) {
        if (e instanceof CommandLine.MissingParameterException missing && missing.getMissing().size() == 1
                && missing.getMissing().get(0) instanceof OptionSpec o && e.getMessage().contains("for option")) {
            return Optional.of(o);
        }
        ArgSpec arg = e.getArgSpec();
        if (arg instanceof OptionSpec o && e.getMessage().startsWith("Expected parameter for option")) {
            return Optional.of(o);
        }
        return Optional.empty();
    }
}
