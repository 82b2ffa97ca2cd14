package dev.virtwire.change;

import dev.virtwire.change.op.NetworkHookOp;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.NetworkHook;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.PortForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The step that saves a port forward in Virtwire's libvirt network hook, or takes it out (the hook goes with the
 * last forward, and with it the directories its first write made). Only where Virtwire writes the /etc libvirtd
 * reads (the host itself, over ssh): the simulated host keeps no files and a --netns target's libvirtd may read
 * another /etc, so their forwards stay "not saved". A file at the hook's path that
 * Virtwire did not write is never rewritten: the forward is refused, naming it.
 */
final class ForwardHooks {
    private final HostReader host;

    ForwardHooks(HostReader host) {
        this.host = host;
    }

    /** The hook with the forward (for {@code from} only, where not empty) saved for its network; empty where the host's files are not Virtwire's to write. */
    Optional<NetworkHookOp> saving(FirewallBackend backend, String network, String bridge, PortForward forward,
            String from) {
        if (!host.changesSavedConfig() || !host.writesLibvirtsFiles()) {
            return Optional.empty();
        }
        NetworkHook.Saved saved;
        try {
            saved = new NetworkHook.Saved(backend, network, bridge, forward, from);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefused(e.getMessage());
        }
        Optional<ConfigFile> before = current();
        List<NetworkHook.Saved> forwards = new ArrayList<>(before.map(b -> NetworkHook.saved(b.text()))
                .orElse(List.of()));
        forwards.removeIf(s -> s.forward().equals(saved.forward()));
        forwards.add(saved);
        List<String> made = before.map(b -> NetworkHook.made(b.text())).orElseGet(() -> NetworkHook.DIRS.stream()
                .filter(d -> !host.savedDirectoryExists(d)).toList());
        ConfigFile after = NetworkHook.file(forwards, made);
        return Optional.of(new NetworkHookOp(saved.forward(), before, Optional.of(before.map(after::withModeAndOwnerOf)
                .orElse(after)), made));
    }

    /** The hook without {@code forward}, or removed with its last one; empty where it does not save it. */
    Optional<NetworkHookOp> unsaving(PortForward forward) {
        if (!host.changesSavedConfig() || !host.writesLibvirtsFiles()) {
            return Optional.empty();
        }
        Optional<ConfigFile> before = host.savedFile(NetworkHook.PATH).filter(f -> NetworkHook.isVirtwires(f.text()));
        if (before.isEmpty() || NetworkHook.saved(before.get().text()).stream().noneMatch(s -> s.forward().equals(forward))) {
            return Optional.empty();
        }
        String text = before.get().text();
        List<NetworkHook.Saved> left = NetworkHook.saved(text).stream().filter(s -> !s.forward().equals(forward)).toList();
        List<String> made = NetworkHook.made(text);
        Optional<ConfigFile> after = left.isEmpty() ? Optional.empty()
                : Optional.of(NetworkHook.file(left, made).withModeAndOwnerOf(before.get()));
        return Optional.of(new NetworkHookOp(forward, before, after, made));
    }

    private Optional<ConfigFile> current() {
        Optional<ConfigFile> found = host.savedFile(NetworkHook.PATH);
        if (found.isPresent() && !NetworkHook.isVirtwires(found.get().text())) {
            throw new ChangeRefused(NetworkHook.PATH + " is there and Virtwire did not write it: Virtwire saves port "
                    + "forwards in a libvirt network hook of that name and never rewrites another's; move that file "
                    + "to another name in " + NetworkHook.DIR + " (libvirt runs every executable there), then add "
                    + "the forward again");
        }
        return found;
    }
}
