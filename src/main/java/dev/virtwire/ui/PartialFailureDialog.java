package dev.virtwire.ui;

import dev.virtwire.change.ChangeFailed;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * A change that failed part-way is not a toast that fades: this window stays until the user closes it, and
 * names the step that failed and why, what was reverted and what could not be (to be checked by hand).
 */
final class PartialFailureDialog {
    private PartialFailureDialog() {
    }

    static void show(Window owner, Messages text, ChangeFailed failed) {
        Alert alert = new Alert(Alert.AlertType.ERROR, null, ButtonType.OK);
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        alert.setResizable(true);
        alert.setTitle(text.get("change.failed"));
        alert.setHeaderText(text.get(failed.hostUnchanged() ? "partial.header.reverted" : "partial.header.partly"));
        VBox content = new VBox(6, wrapped(text.format("partial.step", failed.failedStep(), failed.reason())));
        section(content, text.get("partial.reverted"), failed.reverted(), "partial-reverted");
        section(content, text.get("partial.not-reverted"), failed.notReverted(), "partial-not-reverted");
        if (failed.reverted().isEmpty() && failed.notReverted().isEmpty()) {
            content.getChildren().add(wrapped(text.get("partial.nothing")));
        }
        content.setPrefWidth(560);
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("partial-failure");
        alert.show();
    }

    private static void section(VBox content, String title, List<String> steps, String id) {
        if (steps.isEmpty()) {
            return;
        }
        Label heading = new Label(title);
        heading.setStyle("-fx-font-weight: bold;");
        VBox list = new VBox(2);
        list.setId(id);
        steps.forEach(step -> list.getChildren().add(wrapped("• " + step)));
        content.getChildren().addAll(heading, list);
    }

    private static Label wrapped(String line) {
        Label label = new Label(line);
        label.setWrapText(true);
        return label;
    }
}
