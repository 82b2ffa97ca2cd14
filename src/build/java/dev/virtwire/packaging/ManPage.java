package dev.virtwire.packaging;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * virtwire(1) in troff (man macros), from the command line's model: the options every command takes once,
 * then one section per command (and per subcommand of a group) with its synopsis, description and options.
 */
final class ManPage {
    private final CommandLine cli;
    private final String version;
    private final String date;
    /** The options every command takes (host options, help and version): described once, not per command. */
    private final Set<String> common = new LinkedHashSet<>();
    private final StringBuilder out = new StringBuilder();

    ManPage(CommandLine cli, String version, String date) {
        this.cli = cli;
        this.version = version;
        this.date = date;
        cli.getCommandSpec().options().forEach(o -> common.add(o.longestName()));
    }

    String troff() {
        CommandSpec root = cli.getCommandSpec();
        line(".TH VIRTWIRE 1 " + quoted(date) + " " + quoted("Virtwire " + version) + " \"User Commands\"");
        line(".SH NAME");
        line("virtwire \\- " + text(firstSentence(root.usageMessage().description())));
        line(".SH SYNOPSIS");
        line(".B virtwire");
        line("[\\fIOPTIONS\\fR]");
        line(".br");
        line(".B virtwire");
        line("\\fICOMMAND\\fR [\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]");
        line(".SH DESCRIPTION");
        paragraphs(root.usageMessage().description());
        line(".SH OPTIONS");
        line("Every command takes these options, before or after its name.");
        List<OptionSpec> shared = new ArrayList<>(root.options());
        shared.forEach(this::option);
        line(".SH COMMANDS");
        commands(cli);
        line(".SH EXIT STATUS");
        line(".TP\n.B 0\ndone");
        line(".TP\n.B 1\nrefused or failed: the message says what was wrong and what to do");
        line(".TP\n.B 2\nbad usage: the command line is wrong (unknown option, missing or malformed value)");
        line(".TP\n.B 3\na change failed part\\-way and could not be fully reverted: the message lists what "
                + "remains");
        line(".SH ENVIRONMENT");
        line(".TP\n.B XDG_STATE_HOME\nthe change history is kept in \\fI$XDG_STATE_HOME/virtwire\\fR "
                + "(default \\fI~/.local/state/virtwire\\fR), unless \\fB\\-\\-state\\-dir\\fR says otherwise");
        line(".TP\n.B VIRTWIRE_JAVA_OPTS\nextra options for the Java virtual machine");
        line(".SH FILES");
        line(".TP\n.I /usr/lib/virtwire\nthe program, its Java runtime and its class\\-data archive");
        line(".SH SEE ALSO");
        line(".BR virsh (1),\n.BR ip (8),\n.BR bridge (8),\n.BR nft (8),\n.BR iptables (8)");
        return out.toString();
    }

    /** One section per command, in the order help lists them; a group's commands follow it. */
    private void commands(CommandLine parent) {
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>(); // aliases map to the same command
        for (CommandLine sub : parent.getSubcommands().values()) {
            if (seen.put(sub, true) != null || sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            command(sub);
            commands(sub);
        }
    }

    private void command(CommandLine sub) {
        CommandSpec spec = sub.getCommandSpec();
        line(".SS " + quoted(spec.qualifiedName()));
        String synopsis = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(Ansi.OFF)).synopsis(0)
                .strip().replaceAll("\\s+", " ");
        line(".PP");
        line("\\fB" + text(synopsis) + "\\fR");
        paragraphs(spec.usageMessage().description());
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden() && p.description().length > 0) {
                line(".TP");
                line("\\fI" + text(p.paramLabel()) + "\\fR");
                line(text(described(p)));
            }
        }
        spec.options().stream().filter(o -> !common.contains(o.longestName())).forEach(this::option);
    }

    private void option(OptionSpec o) {
        if (o.hidden()) {
            return;
        }
        line(".TP");
        String names = String.join(", ", java.util.Arrays.stream(o.names()).map(n -> "\\fB" + text(n) + "\\fR").toList());
        String value = o.typeInfo().isBoolean() ? "" : " \\fI" + text(o.paramLabel()) + "\\fR";
        line(names + value);
        if (!described(o).isBlank()) {
            line(text(described(o)));
        }
    }

    /** The description as help prints it: picocli's own variables filled in. */
    private static String described(ArgSpec arg) {
        String joined = String.join(" ", arg.description());
        String candidates = "";
        if (arg.completionCandidates() != null) {
            List<String> values = new ArrayList<>();
            arg.completionCandidates().forEach(values::add);
            candidates = String.join(", ", values);
        }
        return joined.replace("${DEFAULT-VALUE}", String.valueOf(arg.defaultValueString()))
                .replace("${COMPLETION-CANDIDATES}", candidates);
    }

    private void paragraphs(String[] description) {
        if (description.length == 0) {
            return;
        }
        line(".PP");
        for (String s : description) {
            line(text(s));
        }
    }

    private static String firstSentence(String[] description) {
        String first = description.length == 0 ? "" : description[0];
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    /**
     * Text as troff prints it: backslashes and hyphens escaped, no line that starts like a request, and
     * `code` in bold (how the help marks command lines).
     */
    static String text(String s) {
        String escaped = s.replace("\\", "\\e").replace("-", "\\-").replaceAll("`([^`]*)`", "\\\\fB$1\\\\fR");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "\\(dq") + "\"";
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
