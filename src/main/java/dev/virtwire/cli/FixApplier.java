package dev.virtwire.cli;

import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.FixIntent;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostWriter;
import dev.virtwire.host.Scope;
import dev.virtwire.model.NicType;

/**
 * Applies a fix with the host's primitive writer. Stands in until the change layer (Changes: preview,
 * verify, undo) is on this build; then fixes go through it and become undoable history entries.
 */
final class FixApplier {
    private FixApplier() {
    }

    static void apply(HostWriter writer, Fix fix) {
        FixIntent intent = fix.intent();
        if (intent instanceof FixIntent.SetNetworkActive i) {
            writer.setNetworkActive(i.network(), i.active());
        } else if (intent instanceof FixIntent.SetNicLink i) {
            writer.setNicLink(i.guest(), i.mac(), i.up(), Scope.BOTH);
        } else if (intent instanceof FixIntent.SetLinkUp i) {
            writer.setLinkUp(i.link(), i.up());
        } else if (intent instanceof FixIntent.SetLinkMaster i) {
            writer.setLinkMaster(i.link(), i.master());
        } else if (intent instanceof FixIntent.SwitchToNat i) {
            writer.attachNic(i.guest(), i.mac(), NicType.NETWORK, i.network().orElse("default"), Scope.BOTH);
        } else if (intent instanceof FixIntent.AttachNic i) {
            writer.attachNic(i.guest(), i.mac(), i.type(), i.source(), i.scope());
        } else {
            throw new HostException("'" + fix.description() + "' needs the change layer, which this build does not "
                    + "have yet; run it by hand: " + String.join(" ; ", fix.intent().commands()));
        }
    }
}
