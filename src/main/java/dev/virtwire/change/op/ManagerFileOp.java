package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * One file of a network manager's saved configuration (a systemd-networkd {@code .netdev} or {@code .network})
 * written, or removed, as every saved file is; nothing runs by it (the manager reads it at boot, or on the reload
 * step that follows). The file as it was is kept byte for byte so that the inverse writes it back; a file changed
 * since the plan was made is refused, not overwritten.
 *
 * @param manager the manager's name, for the step's title
 * @param link    the link the file configures
 * @param before  the file as the plan found it; empty: there was none
 * @param after   the file to write; empty: it is removed
 */
public record ManagerFileOp(String manager, String link, Optional<ConfigFile> before, Optional<ConfigFile> after)
        implements Operation {

    @Override
    public String describe() {
        String path = after.or(() -> before).orElseThrow().path();
        return (after.isEmpty() ? "Remove " : before.isEmpty() ? "Write " : "Rewrite ") + manager + "'s file " + path
                + " (" + link + ")";
    }

    @Override
    public List<HostCommand> commands() {
        return fileCommands(before, after);
    }

    /** The commands, with the file's diff in place of the text tee reads. */
    @Override
    public List<String> preview() {
        return previewWithDiff(commands(), before, after);
    }

    /** What writes {@code after} in one rename, or removes {@code before} when there is no {@code after}. */
    static List<HostCommand> fileCommands(Optional<ConfigFile> before, Optional<ConfigFile> after) {
        return after.isPresent() ? List.copyOf(SavedConfigCommands.write(after.get()))
                : List.of(new HostCommand.Run(SavedConfigCommands.remove(before.orElseThrow().path())));
    }

    /** A step's commands, with the diff from {@code before} to {@code after} in place of the text tee reads. */
    static List<String> previewWithDiff(List<HostCommand> commands, Optional<ConfigFile> before,
                                        Optional<ConfigFile> after) {
        return FileDiff.afterWrite(commands, FileDiff.of(before, after));
    }

    /** The file from {@code from} to {@code to} (empty: removed), if it is still as {@code from} says. */
    static void change(Host host, Optional<ConfigFile> from, Optional<ConfigFile> to) {
        Optional<String> found = from.map(ConfigFile::text);
        if (to.isPresent()) {
            host.savedConfig().writeFile(to.get(), found);
        } else {
            host.savedConfig().removeFile(from.orElseThrow().path(), found);
        }
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Link(link));
    }

    /** The file itself is compared with what the plan found when the step runs. */
    @Override
    public Optional<String> drift(HostSnapshot now) {
        return Optional.empty();
    }

    @Override
    public void apply(Host host) {
        change(host, before, after);
    }

    /** Read back on the host after writing. */
    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return Optional.empty();
    }

    @Override
    public boolean showsInSnapshot() {
        return false;
    }

    @Override
    public Operation inverse() {
        return new ManagerFileOp(manager, link, after, before);
    }
}
