package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Virtwire's file in /etc/sysctl.d written whole: from {@code before} (empty: there was none) to {@code after}
 * (empty: removed). Its inverse writes {@code before} back byte for byte. A snapshot does not show the file, so the
 * host compares it with {@code before} just before writing (refusing when another admin changed it) and reads it
 * back after.
 *
 * @param change what it saves, in the user's words
 */
public record SavedSysctlOp(Optional<String> before, Optional<String> after, String change) implements Operation {

    @Override
    public String describe() {
        return change;
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(SysctlConf.write(after));
    }

    /** The commands, then the lines that change, as a diff would show them. */
    @Override
    public List<String> preview() {
        List<String> lines = new ArrayList<>(HostCommand.shown(commands()));
        List<String> old = before.map(b -> b.lines().toList()).orElse(List.of());
        List<String> now = after.map(a -> a.lines().toList()).orElse(List.of());
        lines.add("    # " + SysctlConf.PATH + (before.isEmpty() ? " (new)" : after.isEmpty() ? " (removed)" : "") + ":");
        old.stream().filter(l -> !now.contains(l)).forEach(l -> lines.add("    # -" + l));
        now.stream().filter(l -> !old.contains(l)).forEach(l -> lines.add("    # +" + l));
        return lines;
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Sysctl(SysctlConf.PATH));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return Optional.empty(); // the file is compared on the host, right before it is written
    }

    @Override
    public void apply(Host host) {
        host.sysctl().saveFile(before, after);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return Optional.empty(); // read back on the host after writing (Sysctl.saveFile)
    }

    @Override
    public boolean showsInSnapshot() {
        return false;
    }

    @Override
    public Operation inverse() {
        return new SavedSysctlOp(after, before, "Put " + SysctlConf.PATH + " back as it was"
                + (before.isEmpty() ? " (none)" : ""));
    }
}
