package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostException;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One YAML file of Virtwire's own in /etc/netplan written (or removed), then {@code netplan generate}, which checks
 * every netplan file together and renders them for networkd, then only what networkd needs for the link: {@code
 * networkctl reload} makes a new bridge, {@code networkctl delete} takes one away. Not {@code netplan apply}: it
 * reconfigures every link networkd manages, the uplink too. The file and its rendering are one step, so that an
 * undo never renders a file it is about to remove. A file netplan refuses is put back as it was, and the step fails
 * with netplan's own words (FILE:LINE:COLUMN).
 *
 * @param link   the link the file is about
 * @param before the file as the plan found it; empty: there was none
 * @param after  the file to write; empty: it is removed
 * @param live   what runs after {@code netplan generate}
 */
public record NetplanFileOp(String link, Optional<ConfigFile> before, Optional<ConfigFile> after, Live live)
        implements Operation {
    public static final List<String> GENERATE = List.of("netplan", "generate");

    /** What changes in what runs, besides netplan's rendering. */
    public enum Live {
        /** Nothing (saved only, or a step after this one changes what runs). */
        RENDER_ONLY,
        /** networkd makes the link netplan now renders. */
        MAKE,
        /** networkd deletes the link netplan no longer renders. */
        DELETE;

        Live inverse() {
            return this == MAKE ? DELETE : this == DELETE ? MAKE : RENDER_ONLY;
        }
    }

    @Override
    public String describe() {
        String action = after.isEmpty() ? "Remove " : before.isEmpty() ? "Write " : "Rewrite ";
        return action + "netplan's file " + path() + " (" + link + ")" + switch (live) {
            case RENDER_ONLY -> ", then netplan generate";
            case MAKE -> ", then netplan generate and have systemd-networkd make " + link;
            case DELETE -> ", then netplan generate and have systemd-networkd delete " + link;
        };
    }

    @Override
    public List<HostCommand> commands() {
        List<HostCommand> out = new ArrayList<>(ManagerFileOp.fileCommands(before, after));
        out.add(new HostCommand.Run(GENERATE));
        networkctl().ifPresent(argv -> out.add(new HostCommand.Run(argv)));
        return List.copyOf(out);
    }

    /** The commands, with the file's diff after the one that writes or removes it. */
    @Override
    public List<String> preview() {
        return ManagerFileOp.previewWithDiff(commands(), before, after);
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Link(link));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        if (live == Live.MAKE && now.link(link).isPresent()) {
            return Optional.of(link + " exists already");
        }
        return live == Live.DELETE && now.link(link).isEmpty() ? Optional.of(link + " is gone already")
                : Optional.empty();
    }

    @Override
    public void apply(Host host) {
        ManagerFileOp.change(host, before, after);
        try {
            host.savedConfig().run(GENERATE);
        } catch (HostException refused) {
            try {
                ManagerFileOp.change(host, after, before);
            } catch (HostException e) {
                refused.addSuppressed(e);
                throw new HostException("netplan refused " + path() + " and it could not be put back (" + e.getMessage()
                        + "): restore it by hand; netplan said: " + refused.getMessage(), refused);
            }
            throw new HostException("netplan refused " + path() + ", so it was put back as it was and nothing "
                    + "runs differently: " + refused.getMessage(), refused);
        }
        Optional<List<String>> networkctl = networkctl();
        if (networkctl.isPresent()) {
            host.savedConfig().run(networkctl.get());
            LinkSettles.await(host, link, live == Live.MAKE);
        }
    }

    @Override
    public Optional<String> unverified(HostSnapshot now) {
        return switch (live) {
            case RENDER_ONLY -> Optional.empty();
            case MAKE -> now.link(link).isPresent() ? Optional.empty()
                    : Optional.of("systemd-networkd did not make " + link + " from netplan's rendering");
            case DELETE -> now.link(link).isEmpty() ? Optional.empty() : Optional.of(link + " still exists");
        };
    }

    @Override
    public boolean showsInSnapshot() {
        return live != Live.RENDER_ONLY;
    }

    @Override
    public Operation inverse() {
        return new NetplanFileOp(link, after, before, live.inverse());
    }

    private String path() {
        return after.or(() -> before).orElseThrow().path();
    }

    private Optional<List<String>> networkctl() {
        return switch (live) {
            case RENDER_ONLY -> Optional.empty();
            case MAKE -> Optional.of(List.of("networkctl", "reload"));
            case DELETE -> Optional.of(List.of("networkctl", "delete", link));
        };
    }
}
