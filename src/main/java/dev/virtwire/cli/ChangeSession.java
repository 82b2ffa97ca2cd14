package dev.virtwire.cli;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Intent;
import dev.virtwire.change.Plan;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.model.HostSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one change from the command line: open the host and its history, plan, show the plan as commands,
 * ask (unless --yes), apply, and say what happened (exit codes: {@link ExitCode}).
 */
final class ChangeSession {
    static final String DEMO_NOTE = "With --demo, the demo host's state and history last in the state dir until "
            + "`virtwire demo reset`.";

    static final String UNDER_TIMER = "  ! It runs under a revert timer: unless confirmed in time, the host undoes "
            + "it by itself.";

    private ChangeSession() {
    }

    /** Plans the intent; planning reads what the intent is about. */
    static int change(CommandSpec spec, ChangeOptions options, Supplier<Intent> intent) {
        return change(spec, options, false, intent);
    }

    /** @param forGuests whether the intent is about some guests, whose read is the first (attach) */
    static int change(CommandSpec spec, ChangeOptions options, boolean forGuests, Supplier<Intent> intent) {
        return withChanges(spec, forGuests, (host, changes) -> {
            Plan plan = changes.plan(intent.get());
            return showAskRun(spec, options, plan, changes, () -> changes.apply(plan), "Applied");
        });
    }

    /**
     * Plans the intent about one guest that a read of it yields (a default such as its only NIC needs it): the
     * read holds that guest and not the host's others, and the plan starts from it.
     */
    static int changeGuest(CommandSpec spec, ChangeOptions options, String guest,
                           Function<HostSnapshot, Intent> intent) {
        return withChanges(spec, true, (host, changes) -> {
            Plan plan = changes.plan(intent.apply(changes.readGuests(Set.of(guest))));
            return showAskRun(spec, options, plan, changes, () -> changes.apply(plan), "Applied");
        });
    }

    /**
     * Shows the plan (as commands, or with --script as a shell script), stops there for --dry-run, asks unless
     * --yes, then runs it and says what happened: every changing command, undo and redo included.
     */
    static int showAskRun(CommandSpec spec, ChangeOptions options, Plan plan, Changes changes,
                          Supplier<HistoryEntry> run, String done) {
        PrintWriter out = spec.commandLine().getOut();
        if (options.script) {
            out.print(PlanScript.of(plan, HostOptions.of(spec)));
            return ExitCode.DONE;
        }
        print(out, plan);
        if (options.dryRun) {
            out.println("(dry run: nothing was changed)");
            return ExitCode.DONE;
        }
        if (!options.yes && !ask(spec, "Apply this change?")) {
            spec.commandLine().getErr().println("virtwire: not applied");
            return ExitCode.FAILED;
        }
        HistoryEntry entry = run.get();
        out.println(done + ": " + entry.title());
        entry.note().ifPresent(n -> out.println("  ! " + n));
        sayConfirmBy(spec, changes);
        return ExitCode.DONE;
    }

    /** For a change under a revert timer: until when, and the command that keeps it. */
    static void sayConfirmBy(CommandSpec spec, Changes changes) {
        changes.awaitingConfirmation().ifPresent(c -> spec.commandLine().getOut().println("Confirm by "
                + c.deadline() + " with `" + HostOptions.of(spec).suggest("confirm")
                + "`, or the host reverts this change by itself."));
    }

    interface Work {
        int run(Host host, Changes changes);
    }

    /** Opens the host and its history and maps refusals and failures to messages and exit code 1. */
    static int withChanges(CommandSpec spec, Work work) {
        return withChanges(spec, false, work);
    }

    /** @param forGuests whether the work's first read is of some guests (see HostOptions#openForGuests) */
    private static int withChanges(CommandSpec spec, boolean forGuests, Work work) {
        HostOptions hostOptions = HostOptions.of(spec);
        return reporting(spec, () -> {
            try (Host host = forGuests ? hostOptions.openForGuests() : hostOptions.open();
                 Changes changes = hostOptions.changes(host)) {
                return work.run(host, changes);
            }
        });
    }

    /** Runs a change and maps refusals and failures to messages and exit codes (1, or 3 when partly changed). */
    static int reporting(CommandSpec spec, java.util.function.IntSupplier work) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return work.getAsInt();
        } catch (ChangeRefused e) {
            err.println("virtwire: refused: " + e.getMessage());
            return ExitCode.FAILED;
        } catch (ChangeFailed e) {
            err.println("virtwire: " + e.getMessage());
            return e.hostUnchanged() ? ExitCode.FAILED : ExitCode.PARTLY_CHANGED;
        } catch (HostException | IllegalStateException e) {
            err.println("virtwire: " + e.getMessage());
            return ExitCode.FAILED;
        } finally {
            err.flush();
            spec.commandLine().getOut().flush();
        }
    }

    static void print(PrintWriter out, Plan plan) {
        out.println(plan.title());
        if (plan.risky()) {
            out.println("  ! This touches the link that carries the host's own connection (default route).");
        }
        if (plan.needsConfirmation()) {
            out.println(UNDER_TIMER);
        }
        plan.operations().forEach(o -> out.println("  - " + o.describe()));
        out.println("Equivalent commands:");
        plan.commands().forEach(c -> out.println("  " + c));
    }

    /** Asks on the terminal; without one, the user must say --yes. */
    static boolean ask(CommandSpec spec, String question) {
        if (System.console() == null) {
            throw new ChangeRefused("there is no terminal to ask on: add --yes to apply, or --dry-run to only look");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(question + " [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            return false;
        }
    }
}
