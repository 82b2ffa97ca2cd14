package dev.virtwire.ui.findings;

import dev.virtwire.diagnose.Diagnosis;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.FixOutcome;
import dev.virtwire.ui.Messages;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/**
 * The troubleshooter's answer for one guest: reachable or not, then each finding (root causes first) with
 * its evidence, its symptoms and a Fix button when the fix is a change Virtwire can make.
 */
public final class FindingsPanel extends VBox {
    private final Messages text;
    private final Consumer<Finding> onFix;
    private final VBox body = new VBox(6);
    private final Label verdict = new Label();
    private final Label outcome = new Label();
    private final Label proving = new Label();
    private final Button stopProving = new Button();
    private final javafx.scene.layout.HBox provingRow = new javafx.scene.layout.HBox(8, proving, stopProving);

    public FindingsPanel(Messages text, Consumer<Finding> onFix, Runnable onClose) {
        this.text = text;
        this.onFix = onFix;
        getStyleClass().add("findings-panel");
        setId("findings");
        FindingParts.verdict(verdict, "findings-verdict");
        outcome.setId("findings-after-fix");
        outcome.setWrapText(true);
        outcome.setPadding(new Insets(0, 8, 0, 8));
        outcome.setManaged(false);
        outcome.setVisible(false);
        proving.setId("findings-proving");
        proving.setWrapText(true);
        stopProving.setId("stop-proving");
        stopProving.setText(text.get("findings.after-fix.stop"));
        provingRow.setPadding(new Insets(0, 8, 0, 8));
        provingRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        showProvingRow(false);
        getChildren().addAll(FindingParts.titleLine(text, onClose), verdict, outcome, provingRow,
                FindingParts.scrolled(body));
    }

    /**
     * While a fix is proven (the question diagnosed again, with probes that take seconds on a real host): says so,
     * with a button to stop waiting. Stopping is safe, the proof only reads; {@code stop} drops its answer.
     */
    public void showProving(String guest, String target, Runnable stop) {
        clearOutcome();
        proving.setText(text.format("findings.after-fix.checking", guest, target));
        stopProving.setOnAction(e -> {
            stop.run();
            showProvingRow(false);
            outcome.setText(text.format("findings.after-fix.stopped", guest, target));
            outcome.getStyleClass().removeAll("verdict-ok", "verdict-bad");
            outcome.setManaged(true);
            outcome.setVisible(true);
        });
        showProvingRow(true);
    }

    private void showProvingRow(boolean shown) {
        provingRow.setManaged(shown);
        provingRow.setVisible(shown);
        stopProving.setVisible(shown);
    }

    /** What the last fix achieved, checked again with probes; stays until the next question. */
    public void showOutcome(FixOutcome after, String fix) {
        showProvingRow(false);
        String line;
        if (after.restored()) {
            line = text.format("findings.after-fix.reaches", fix, after.guest(), after.target());
        } else if (after.reachable().isEmpty()) {
            line = text.format("findings.after-fix.unknown", fix, after.guest(), after.target());
        } else {
            line = text.format("findings.after-fix.still", fix, after.guest(), after.target(),
                    after.left().map(Finding::title).orElse(after.finding()));
        }
        outcome.setText(line);
        outcome.getStyleClass().removeAll("verdict-ok", "verdict-bad");
        outcome.getStyleClass().add(after.restored() ? "verdict-ok" : "verdict-bad");
        outcome.setManaged(true);
        outcome.setVisible(true);
    }

    /** Checking again failed (the host went away, a command failed): says so in place of "checking". */
    public void showProofFailed(String guest, String target, String why) {
        showProvingRow(false);
        outcome.setText(text.format("findings.after-fix.failed", guest, target, why));
        outcome.getStyleClass().removeAll("verdict-ok", "verdict-bad");
        outcome.getStyleClass().add("verdict-bad");
        outcome.setManaged(true);
        outcome.setVisible(true);
    }

    public void clearOutcome() {
        showProvingRow(false);
        outcome.setText("");
        outcome.setManaged(false);
        outcome.setVisible(false);
    }

    public String outcomeText() {
        return outcome.getText();
    }

    public void show(Diagnosis d) {
        String answer = d.reachable().map(r -> text.get(r ? "findings.reachable" : "findings.unreachable"))
                .orElse(text.get("findings.unknown"));
        verdict.setText(text.format("findings.verdict", d.guest(), d.target(), answer));
        verdict.getStyleClass().removeAll("verdict-ok", "verdict-bad");
        verdict.getStyleClass().add(d.reachable().orElse(true) ? "verdict-ok" : "verdict-bad");
        body.getChildren().clear();
        if (d.findings().isEmpty()) {
            body.getChildren().add(new Label(text.get("findings.none")));
        }
        d.findings().forEach(f -> body.getChildren().add(card(f)));
        d.unchecked().forEach(u -> body.getChildren().add(FindingParts.wrapped(text.get("findings.unchecked") + " " + u)));
    }

    public String verdictText() {
        return verdict.getText();
    }

    private TitledPane card(Finding f) {
        // the fix first: it is what the user came for; the evidence below says why
        return FindingParts.card(text, f.severity(), f.title(), f.id(), f.fix().map(fix -> FindingParts.fixButton(
                text, fix, "fix-" + f.id(), () -> onFix.accept(f))), FindingParts.lines(text, f));
    }
}
