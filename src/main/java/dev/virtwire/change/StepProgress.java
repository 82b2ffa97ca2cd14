package dev.virtwire.change;

import dev.virtwire.change.op.Operation;

/** Told as each step of a change starts, so a window can say "step 2 of 3" and what runs now. */
@FunctionalInterface
public interface StepProgress {
    StepProgress NONE = (number, count, step) -> {
    };

    /** @param number from 1; @param count the steps of the whole change */
    void starting(int number, int count, Operation step);
}
