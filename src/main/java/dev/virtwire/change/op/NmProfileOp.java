package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One NetworkManager profile written, rewritten or deleted as a keyfile, then (with {@code live}) loaded and
 * activated or deleted through nmcli. The keyfile as it was is kept, byte for byte, so the inverse writes it
 * back; a file changed since the plan was made is refused, not overwritten.
 *
 * @param profile the profile's name; {@code uuid} names it to nmcli
 * @param link    the link the profile configures
 * @param before  the keyfile as the plan found it; empty: a new profile
 * @param after   the keyfile to write; empty: the profile is deleted
 * @param live    loaded into NetworkManager (and, with {@code activate}, brought up) now; false: saved only,
 *                for the next boot
 * @param master  the bridge the link is a port of once {@code after} is active (checked on a fresh read)
 * @param masterBefore the bridge {@code before} made it a port of
 */
public record NmProfileOp(String profile, String uuid, String link, Optional<ConfigFile> before,
                          Optional<ConfigFile> after, boolean live, boolean activate, Optional<String> master,
                          Optional<String> masterBefore, boolean risky) implements Operation {

    @Override
    public String describe() {
        String what = after.isEmpty() ? "Delete NetworkManager profile " + profile
                : (before.isEmpty() ? "Add NetworkManager profile " : "Change NetworkManager profile ") + profile
                + " (" + after.get().path() + ")";
        return what + (live ? (activate && after.isPresent() ? " and activate it" : "") : ", saved only (from the next boot)");
    }

    @Override
    public List<HostCommand> commands() {
        List<HostCommand> out = new ArrayList<>();
        if (after.isPresent()) {
            out.addAll(SavedConfigCommands.write(after.get()));
            if (live) {
                out.add(new HostCommand.Run(SavedConfigCommands.nmcliLoad(after.get().path())));
                if (activate) {
                    out.add(new HostCommand.Run(SavedConfigCommands.nmcliUp(uuid)));
                }
            }
        } else {
            out.add(new HostCommand.Run(live ? SavedConfigCommands.nmcliDelete(uuid)
                    : SavedConfigCommands.remove(before.orElseThrow().path())));
        }
        return out;
    }

    /** The commands, with the diff of the keyfile in place of the text tee reads. */
    @Override
    public List<String> preview() {
        List<String> out = new ArrayList<>();
        for (HostCommand c : commands()) {
            out.add(c.shown().get(0));
            if (c instanceof HostCommand.Run r && r.argv().get(0).equals("tee")) {
                ConfigFile file = after.orElseThrow();
                FileDiff.of(file.path(), before.map(ConfigFile::text).orElse(""), file.text(), before.isPresent(),
                        true).forEach(l -> out.add("    " + l));
            }
        }
        if (after.isEmpty()) {
            ConfigFile file = before.orElseThrow();
            FileDiff.of(file.path(), file.text(), "", true, false).forEach(l -> out.add("    " + l));
        }
        return out;
    }

    @Override
    public List<Id> subjects() {
        List<Id> out = new ArrayList<>(List.of(new Id.Link(link)));
        master.ifPresent(m -> out.add(new Id.Link(m)));
        masterBefore.filter(m -> !master.equals(Optional.of(m))).ifPresent(m -> out.add(new Id.Link(m)));
        return out;
    }

    /** The file itself is compared with what the plan found when the step runs. */
    @Override
    public Optional<String> drift(HostSnapshot now) {
        return Optional.empty();
    }

    @Override
    public void apply(Host host) {
        String path = after.or(() -> before).orElseThrow().path();
        Optional<String> found = before.map(ConfigFile::text);
        if (after.isPresent()) {
            host.savedConfig().writeFile(after.get(), found);
            if (live) {
                host.savedConfig().run(SavedConfigCommands.nmcliLoad(path));
                if (activate) {
                    host.savedConfig().run(SavedConfigCommands.nmcliUp(uuid));
                }
            }
        } else if (live) {
            host.savedConfig().requireUnchanged(path, found);
            host.savedConfig().run(SavedConfigCommands.nmcliDelete(uuid));
            if (deletesBridge()) {
                // nmcli answers before NetworkManager has taken the bridge down (seconds later on a busy host)
                LinkSettles.await(host, link, false);
            }
        } else {
            host.savedConfig().removeFile(path, found);
        }
    }

    /** An activated profile: its link runs, in the bridge it names; a deleted bridge profile: the bridge is gone. */
    @Override
    public Optional<String> unverified(HostSnapshot after) {
        if (!showsInSnapshot()) {
            return Optional.empty();
        }
        Optional<Link> running = after.link(link);
        if (this.after.isEmpty()) {
            if (running.isPresent() && deletesBridge()) {
                return Optional.of("bridge " + link + " still runs after its profile was deleted");
            }
            return running.flatMap(Link::master).filter(m -> masterBefore.equals(Optional.of(m)))
                    .map(m -> link + " is still a port of " + m + " after its profile was deleted");
        }
        if (running.isEmpty()) {
            return Optional.of("NetworkManager did not bring up " + link + " from profile " + profile);
        }
        return running.get().master().equals(master) ? Optional.empty() : Optional.of(link + " is "
                + running.get().master().map(m -> "a port of " + m).orElse("in no bridge") + ", not "
                + master.map(m -> "a port of " + m).orElse("in no bridge") + " as profile " + profile + " says");
    }

    private boolean deletesBridge() {
        return after.isEmpty() && before.map(f -> f.text().contains("type=bridge")).orElse(false);
    }

    @Override
    public boolean showsInSnapshot() {
        return live && (activate || after.isEmpty());
    }

    @Override
    public Operation inverse() {
        return new NmProfileOp(profile, uuid, link, after, before, live, activate, masterBefore, master, risky);
    }
}
