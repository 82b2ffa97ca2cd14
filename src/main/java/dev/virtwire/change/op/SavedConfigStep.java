package dev.virtwire.change.op;

import dev.virtwire.host.Scope;
import dev.virtwire.model.Id;

/**
 * A step that may change the saved (persistent) config of a guest or a libvirt network as well as, or instead
 * of, the running one ({@link Scope#config()}): a snapshot shows what runs, so the executor checks the saved
 * half on a read of that one saved config.
 */
public interface SavedConfigStep {
    /** The guest ({@link Id.Guest}) or network ({@link Id.Network}) whose saved config the step changes. */
    Id savedConfigOf();

    /** Whether what runs, its saved config, or both change. */
    Scope scope();
}
