package dev.virtwire.change;

import dev.virtwire.change.op.FirewalldFilesOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.FirewalldCommands;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.exec.Background;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A manager's saved files as a plan reads them, fresh from the host: one the saved configuration names must still be
 * there; one Virtwire is about to write must not be (it overwrites no file it did not plan).
 */
final class SavedFiles {
    private SavedFiles() {
    }

    static ConfigFile existing(HostReader host, String path) {
        return host.savedFile(path).orElseThrow(() -> new ChangeRefused(path + " is not there any more: read the "
                + "host again"));
    }

    static void absent(HostReader host, String path) {
        absent(host.savedFile(path));
    }

    /** @param found the file as read where Virtwire is about to write it */
    static void absent(Optional<ConfigFile> found) {
        found.ifPresent(f -> {
            throw new ChangeRefused(f.path() + " exists already: Virtwire does not overwrite a file it did not plan; "
                    + "remove or rename it first");
        });
    }

    /**
     * The steps with firewalld's files they rewrite kept first, so that undo puts them back last; the steps
     * alone where the reader keeps no files (the simulated host).
     *
     * @param zone   the zone whose permanent settings the steps change, if any
     * @param direct whether they change the permanent direct rules
     */
    static List<Operation> firewalldKept(HostReader host, Id about, Optional<String> zone, boolean direct,
                                         List<Operation> steps) {
        return firewalldKept(host, about, zone, Optional.empty(), direct, steps);
    }

    /** As above, for steps that (also) change a policy's permanent settings. */
    static List<Operation> firewalldKept(HostReader host, Id about, Optional<String> zone, Optional<String> policy,
                                         boolean direct, List<Operation> steps) {
        if (!host.changesSavedConfig()) {
            return steps;
        }
        // the files (two commands each) read while firewalld lists its settings: over ssh, each takes a while
        List<CompletableFuture<FirewalldFilesOp.Kept>> reads = FirewalldFilesOp.paths(zone, policy, direct).stream()
                .map(p -> Background.start("virtwire-kept-file", () -> new FirewalldFilesOp.Kept(p, host.savedFile(p))))
                .toList();
        Optional<String> listing = host.firewalldPermanent(FirewalldCommands.permanentListing(zone, policy, direct));
        List<FirewalldFilesOp.Kept> kept = reads.stream().map(Background::joined).toList();
        if (listing.isEmpty()) {
            return steps;
        }
        List<Operation> out = new ArrayList<>(List.of(new FirewalldFilesOp(about.text(), zone, direct, kept,
                listing.get(), false, policy)));
        out.addAll(steps);
        return List.copyOf(out);
    }
}
