package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;

/**
 * A rule that reads the capture of the guest's tap ({@link Situation#capture}). The capture takes seconds whatever it
 * sees, so such a rule starts it before the rules run, beside the other rules' probes; a diagnosis without such a
 * rule (a fix's look for one finding) does not capture at all.
 */
interface ReadsCapture extends Rule {

    @Override
    default void probeAhead(Situation s) {
        s.startCapture();
    }
}
