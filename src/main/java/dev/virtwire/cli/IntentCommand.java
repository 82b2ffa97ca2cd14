package dev.virtwire.cli;

import dev.virtwire.change.Intent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A changing command that is one intent: its parameters say what, the host and change options (--dry-run,
 * --yes) and the preview, confirmation and history are the same for all of them (ChangeSession).
 */
abstract class IntentCommand implements Callable<Integer> {
    @Mixin
    ChangeOptions change;
    @Spec
    CommandSpec spec;

    abstract Intent intent();

    @Override
    public Integer call() {
        return ChangeSession.change(spec, change, this::intent);
    }
}
