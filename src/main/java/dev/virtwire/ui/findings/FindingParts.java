package dev.virtwire.ui.findings;

import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.ui.Messages;
import java.util.Locale;
import javafx.scene.control.Button;

/** What the troubleshooter's answer and the Problems panel show alike of a finding: its severity, its Fix button. */
final class FindingParts {
    private FindingParts() {
    }

    /** "ERROR", "WARNING", "INFO" in the window's language, leading a finding's title. */
    static String severity(Messages text, Severity severity) {
        return text.get("severity." + severity.json()).toUpperCase(Locale.ROOT);
    }

    /** "Fix: what it does", its text wrapped in a narrow column. */
    static Button fixButton(Messages text, Fix fix, String id, Runnable onFix) {
        Button apply = new Button(text.get("findings.fix") + ": " + fix.description());
        apply.setId(id);
        apply.setWrapText(true);
        apply.setOnAction(e -> onFix.run());
        return apply;
    }
}
