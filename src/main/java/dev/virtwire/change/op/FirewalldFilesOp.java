package dev.virtwire.change.op;

import dev.virtwire.host.FirewalldCommands;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostTextFiles;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.host.exec.Background;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * firewalld's permanent files that the firewall-cmd --permanent steps after this one rewrite (a zone's, the direct
 * rules', and the {@code .old} copies firewalld keeps of them), kept as they were, byte for byte with mode and
 * owner, so that undo leaves /etc/firewalld exactly as it found it. firewall-cmd cannot: it writes a zone's file in
 * /etc where the package's in /usr/lib was used and never takes it away. Undo runs the firewall-cmd steps first (so
 * firewalld's own permanent settings are right), then this one puts the files back, but only when firewalld lists
 * its permanent settings exactly as it did when the change was planned; otherwise someone changed them since, and
 * the files are left as firewall-cmd wrote them, holding that change.
 *
 * @param subject what the change is about (an {@link Id}'s text), so that it runs with the steps it belongs to
 * @param kept    every file as the plan found it
 * @param listed  firewalld's permanent settings as {@link #listing()} printed them when the change was planned
 * @param restore false: the files are only checked to be as kept (the firewall-cmd steps follow); true: undo
 * @param policy  the policy whose file the steps rewrite, if any (absent in journals of before policies)
 */
public record FirewalldFilesOp(String subject, Optional<String> zone, boolean direct, List<Kept> kept, String listed,
                               boolean restore, Optional<String> policy) implements Operation {
    private static final System.Logger LOG = System.getLogger("dev.virtwire.change");

    /** One file as the plan found it; empty: there was none. */
    public record Kept(String path, Optional<ConfigFile> before) {
    }

    public FirewalldFilesOp {
        kept = List.copyOf(kept);
        policy = policy == null ? Optional.empty() : policy;
    }

    public FirewalldFilesOp(String subject, Optional<String> zone, boolean direct, List<Kept> kept, String listed,
                            boolean restore) {
        this(subject, zone, direct, kept, listed, restore, Optional.empty());
    }

    /** The files firewall-cmd --permanent rewrites for the zone and (when {@code direct}) the direct rules. */
    public static List<String> paths(Optional<String> zone, boolean direct) {
        return paths(zone, Optional.empty(), direct);
    }

    /** As above, with the policy's file. */
    public static List<String> paths(Optional<String> zone, Optional<String> policy, boolean direct) {
        List<String> out = new ArrayList<>();
        zone.map(FirewalldCommands::zoneFile).ifPresent(f -> out.addAll(List.of(f, FirewalldCommands.backupOf(f))));
        policy.map(FirewalldCommands::policyFile).ifPresent(f -> out.addAll(List.of(f,
                FirewalldCommands.backupOf(f))));
        if (direct) {
            out.addAll(List.of(FirewalldCommands.DIRECT_FILE, FirewalldCommands.backupOf(FirewalldCommands.DIRECT_FILE)));
        }
        return List.copyOf(out);
    }

    /** What lists the permanent settings these files hold. */
    public List<List<String>> listing() {
        return FirewalldCommands.permanentListing(zone, policy, direct);
    }

    /** Whose permanent settings the files hold, in the user's words. */
    private String about() {
        List<String> parts = new ArrayList<>();
        zone.ifPresent(z -> parts.add("the " + z + " zone"));
        policy.ifPresent(p -> parts.add("the policy " + p));
        if (direct) {
            parts.add("the direct rules");
        }
        return String.join(" and ", parts);
    }

    @Override
    public String describe() {
        List<String> files = kept.stream().map(k -> k.path() + (k.before().isPresent() ? "" : " (none now)")).toList();
        return restore ? "Put firewalld's files back as they were: " + String.join(", ", files).replace("(none now)",
                "(removed: there was none)") + " — if firewalld lists its permanent settings as it did before the "
                + "change; if someone changed them since, the files stay as firewall-cmd left them, with that change"
                : "Keep firewalld's files as they are now, for undo (firewall-cmd --permanent rewrites them, and "
                + "makes the ones there are none of): " + String.join(", ", files);
    }

    /**
     * Keeping: the reads. Undo: the listing, then each file written back as it was (tee, chmod, chown, mv) or
     * removed ({@code rm}); a file already as it was is left alone.
     */
    @Override
    public List<HostCommand> commands() {
        List<HostCommand> out = new ArrayList<>();
        if (!restore) {
            kept.forEach(k -> out.add(new HostCommand.Run(HostTextFiles.readArgv(k.path()))));
            return List.copyOf(out);
        }
        listing().forEach(argv -> out.add(new HostCommand.Run(argv)));
        for (Kept k : kept) {
            if (k.before().isPresent()) {
                out.addAll(SavedConfigCommands.write(k.before().get()));
            } else {
                out.add(new HostCommand.Run(SavedConfigCommands.remove(k.path())));
            }
        }
        return List.copyOf(out);
    }

    /** Keeping: each read, with what undo does to that file after it. Undo: the commands, with the text written back. */
    @Override
    public List<String> preview() {
        if (restore) {
            return HostCommand.shown(commands());
        }
        List<String> out = new ArrayList<>();
        for (Kept k : kept) {
            out.add(String.join(" ", HostTextFiles.readArgv(k.path())));
            out.add("    " + k.before().map(f -> f.text().lines().count() + " lines, mode " + f.mode() + ", "
                    + f.owner() + ":" + f.group() + ": undo writes them back byte for byte")
                    .orElse("none now: undo removes what firewall-cmd --permanent makes"));
        }
        return List.copyOf(out);
    }

    @Override
    public List<Id> subjects() {
        return Id.tryParse(subject).stream().toList();
    }

    /** The files themselves are compared when the step runs. */
    @Override
    public Optional<String> drift(HostSnapshot now) {
        return Optional.empty();
    }

    @Override
    public void apply(Host host) {
        applyNoting(host);
    }

    /** Undo tells when it left the files as firewall-cmd wrote them: the user's /etc/firewalld is not as before. */
    @Override
    public Optional<String> applyNoting(Host host) {
        if (!restore) {
            kept.stream().map(k -> Background.start("virtwire-kept-file", () -> {
                host.savedConfig().requireUnchanged(k.path(), k.before().map(ConfigFile::text));
                return k;
            })).toList().forEach(Background::joined);
            return Optional.empty();
        }
        Optional<String> now = host.firewalldPermanent(listing());
        if (!now.equals(Optional.of(listed))) {
            List<String> paths = kept.stream().map(Kept::path).toList();
            LOG.log(System.Logger.Level.WARNING, "firewalld's permanent settings changed since the change was made: "
                    + "left as firewall-cmd wrote them: {0}", paths);
            return Optional.of("firewalld's files left as firewall-cmd wrote them, not as they were before the "
                    + "change: " + String.join(", ", paths) + " (firewalld's permanent settings of " + about()
                    + " changed since the change was made, and those files hold that change; only Virtwire's own "
                    + "part is gone from them)");
        }
        kept.forEach(k -> putBack(host, k));
        return Optional.empty();
    }

    private static void putBack(Host host, Kept k) {
        Optional<ConfigFile> found = host.savedFile(k.path());
        if (found.equals(k.before())) {
            return;
        }
        Optional<String> text = found.map(ConfigFile::text);
        if (k.before().isEmpty()) {
            host.savedConfig().removeFile(k.path(), text);
            return;
        }
        ConfigFile before = k.before().get();
        if (found.isPresent() && !found.get().withText(before.text()).equals(before)) {
            // a rewrite keeps the mode and owner a file has: this one had others, so it is written anew
            host.savedConfig().removeFile(k.path(), text);
            text = Optional.empty();
        }
        host.savedConfig().writeFile(before, text);
    }

    /**
     * Read back when written. Shown in no snapshot, yet not a step to take back quietly when it fails: keeping
     * fails on a file changed since the plan, which putting "back" would clobber.
     */
    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return Optional.empty();
    }

    @Override
    public Operation inverse() {
        return new FirewalldFilesOp(subject, zone, direct, kept, listed, !restore, policy);
    }
}
