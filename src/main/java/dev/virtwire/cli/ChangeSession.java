package dev.virtwire.cli;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.Changes;
import dev.virtwire.change.HistoryEntry;
import dev.virtwire.change.Intent;
import dev.virtwire.change.Plan;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Hosts;
import dev.virtwire.model.HostSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one change from the command line: open the host and its history, plan, show the plan as commands,
 * ask (unless --yes), apply, and say what happened. Exit codes: 0 done or shown, 1 refused or failed.
 */
final class ChangeSession {
    static final String DEMO_NOTE = "With --demo, the demo host and its history last only for this process.";

    private ChangeSession() {
    }

    /** Plans the intent the snapshot yields (commands that resolve defaults, like the only NIC, need it). */
    static int change(CommandSpec spec, HostOptions hostOptions, ChangeOptions options,
                      Function<HostSnapshot, Intent> intent) {
        PrintWriter out = spec.commandLine().getOut();
        return withChanges(spec, hostOptions, (host, changes) -> {
            Plan plan = changes.plan(intent.apply(host.snapshot()));
            print(out, plan);
            if (options.dryRun) {
                out.println("(dry run: nothing was changed)");
                return 0;
            }
            if (!options.yes && !ask(spec, "Apply this change?")) {
                spec.commandLine().getErr().println("virtwire: not applied");
                return 1;
            }
            HistoryEntry entry = changes.apply(plan);
            out.println("Applied: " + entry.title());
            changes.awaitingConfirmation().ifPresent(c -> out.println("Confirm by " + c.deadline()
                    + " with `virtwire confirm`, or the host reverts this change by itself."));
            return 0;
        });
    }

    interface Work {
        int run(Host host, Changes changes);
    }

    /** Opens the host and its history and maps refusals and failures to messages and exit code 1. */
    static int withChanges(CommandSpec spec, HostOptions hostOptions, Work work) {
        PrintWriter err = spec.commandLine().getErr();
        try (Host host = Hosts.open(hostOptions.address());
             Changes changes = new Changes(host, hostOptions.address(),
                     hostOptions.stateDir().orElseGet(Changes::defaultStateDir))) {
            return work.run(host, changes);
        } catch (ChangeRefused e) {
            err.println("virtwire: refused: " + e.getMessage());
            return 1;
        } catch (ChangeFailed | HostException | IllegalStateException e) {
            err.println("virtwire: " + e.getMessage());
            return 1;
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
            out.println("  ! It runs under a revert timer: unless confirmed in time, the host undoes it by itself.");
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
