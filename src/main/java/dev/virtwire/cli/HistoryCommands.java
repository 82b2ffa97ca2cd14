package dev.virtwire.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.change.ChangeRefused;
import dev.virtwire.change.HistoryEntry;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** undo, redo, history, confirm and recover: the commands over the change history. */
final class HistoryCommands {
    private HistoryCommands() {
    }

    abstract static class OnHistory implements Callable<Integer> {
        @Spec
        CommandSpec spec;
    }

    @Command(name = "undo", description = {"Take back the newest applied change, after showing what it runs.",
        ChangeSession.DEMO_NOTE})
    static final class Undo extends OnHistory {
        @Mixin
        ChangeOptions change;

        @Override
        public Integer call() {
            return ChangeSession.withChanges(spec, (h, changes) -> ChangeSession.showAskRun(spec, change,
                    changes.undoPlan(), changes, changes::undo, "Undone"));
        }
    }

    @Command(name = "redo", description = {"Apply again the change undone last, after showing what it runs.",
        ChangeSession.DEMO_NOTE})
    static final class Redo extends OnHistory {
        @Mixin
        ChangeOptions change;

        @Override
        public Integer call() {
            return ChangeSession.withChanges(spec, (h, changes) -> ChangeSession.showAskRun(spec, change,
                    changes.redoPlan(), changes, changes::redo, "Redone"));
        }
    }

    @Command(name = "confirm", description = "Keep a change that runs under a revert timer (virtwire uplink "
            + "bridge, or a fix that bridges a NIC).")
    static final class Confirm extends OnHistory {
        @Override
        public Integer call() {
            return ChangeSession.withChanges(spec, (h, changes) -> {
                HistoryEntry confirmed = changes.confirm();
                spec.commandLine().getOut().println("Confirmed: " + confirmed.title());
                // a timer that was gone although an earlier one was stopped: what the host shows now
                confirmed.note().ifPresent(n -> spec.commandLine().getOut().println("  ! " + n));
                return 0;
            });
        }
    }

    @Command(name = "recover", description = "Roll back a change that was interrupted when Virtwire stopped.")
    static final class Recover extends OnHistory {
        @Option(names = {"-y", "--yes"}, description = "Roll back without asking.")
        boolean yes;

        @Override
        public Integer call() {
            return ChangeSession.withChanges(spec, (h, changes) -> {
                PrintWriter out = spec.commandLine().getOut();
                HistoryEntry interrupted = changes.interrupted().orElseThrow(() -> new ChangeRefused(
                        "no change was interrupted: there is nothing to recover"));
                out.println("Interrupted: " + interrupted.title() + " (" + interrupted.when() + ")");
                if (!yes && !ChangeSession.ask(spec, "Roll back what it had done?")) {
                    return 1;
                }
                out.println("Recovered: " + changes.recover().title());
                return 0;
            });
        }
    }

    @Command(name = "history", description = {"The changes made to this host, oldest first.", ChangeSession.DEMO_NOTE})
    static final class History extends OnHistory {
        @Option(names = "--json", description = "As JSON.")
        boolean json;

        @Override
        public Integer call() {
            return ChangeSession.withChanges(spec, (h, changes) -> {
                PrintWriter out = spec.commandLine().getOut();
                List<HistoryEntry> entries = changes.history();
                if (json) {
                    out.println(toJson(entries));
                    return 0;
                }
                if (entries.isEmpty()) {
                    out.println("no changes yet");
                }
                for (HistoryEntry e : entries) {
                    out.println(e.when() + "  " + e.status().json() + "  " + e.title());
                    e.note().ifPresent(n -> out.println("    ! " + n));
                    e.commands().forEach(c -> out.println("    " + c));
                }
                changes.undoBlockedReason().ifPresentOrElse(r -> out.println("undo: " + r),
                        () -> out.println("undo: possible"));
                return 0;
            });
        }

        static String toJson(List<HistoryEntry> entries) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode array = mapper.createArrayNode();
            for (HistoryEntry e : entries) {
                ObjectNode o = array.addObject();
                o.put("id", e.id());
                o.put("title", e.title());
                o.put("when", e.when().toString());
                o.put("host", e.host());
                o.put("status", e.status().json());
                o.put("note", e.note().orElse(null));
                e.commands().forEach(o.putArray("commands")::add);
            }
            try {
                return mapper.writeValueAsString(array);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write the history as JSON", e);
            }
        }
    }
}
