package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/** {@code ip link set LINK master BRIDGE}, or {@code nomaster} when {@code master} is empty. */
public record LinkMasterOp(String link, Optional<String> master, Optional<String> from, boolean risky)
        implements Operation {

    @Override
    public String describe() {
        return master.map(m -> "Add " + link + " to " + m).orElse("Release " + link + " from " + from.orElse("?"));
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(IpCommands.setMaster(link, master)));
    }

    @Override
    public List<Id> subjects() {
        List<Id> subjects = new java.util.ArrayList<>(List.of(new Id.Link(link)));
        master.ifPresent(m -> subjects.add(new Id.Link(m)));
        from.ifPresent(m -> subjects.add(new Id.Link(m)));
        return subjects;
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        Optional<String> gone = master.filter(m -> now.link(m).isEmpty()).map(m -> "bridge " + m + " no longer exists");
        return gone.or(() -> StillThere.link(now, link).check(l -> l.master().equals(from) ? Optional.empty()
                : Optional.of(link + " is " + where(l.master()) + ", not " + where(from))));
    }

    @Override
    public void apply(Host host) {
        host.kernel().setLinkMaster(link, master);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return StillThere.link(after, link).check(l -> l.master().equals(master) ? Optional.empty()
                : Optional.of(link + " is " + where(l.master()) + ", not " + where(master)));
    }

    @Override
    public Operation inverse() {
        return new LinkMasterOp(link, from, master, risky);
    }

    @Override
    public Optional<List<String>> ipCommand() {
        return Optional.of(IpCommands.setMaster(link, master));
    }

    private static String where(Optional<String> master) {
        return master.map(m -> "a port of " + m).orElse("in no bridge");
    }
}
