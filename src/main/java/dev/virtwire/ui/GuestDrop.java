package dev.virtwire.ui;

import dev.virtwire.change.Intent;
import dev.virtwire.ui.canvas.BoxKey;
import dev.virtwire.ui.canvas.DiagramNode;
import dev.virtwire.ui.canvas.DropHandler;
import dev.virtwire.ui.canvas.DropRules;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Drops of guests and NICs on the canvas: checked by {@link DropRules}, carried out as moves. */
final class GuestDrop implements DropHandler {
    private final Supplier<DropRules> rules;
    private final Consumer<Intent> onMove;
    private final Notifier notifier;
    private final Messages text;

    GuestDrop(Supplier<DropRules> rules, Consumer<Intent> onMove, Notifier notifier, Messages text) {
        this.rules = rules;
        this.onMove = onMove;
        this.notifier = notifier;
        this.text = text;
    }

    @Override
    public boolean isTarget(DiagramNode box) {
        return DropRules.isTarget(box);
    }

    @Override
    public Optional<String> refusal(BoxKey dragged, DiagramNode box) {
        return rules.get().refusal(dragged, box);
    }

    @Override
    public void drop(BoxKey dragged, DiagramNode box) {
        rules.get().move(dragged, box).ifPresent(onMove);
    }

    @Override
    public void refused(BoxKey dragged, DiagramNode box, String reason) {
        notifier.error(text.format("drop.refused", box.title()), reason);
    }
}
