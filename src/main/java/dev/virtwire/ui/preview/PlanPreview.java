package dev.virtwire.ui.preview;

import dev.virtwire.change.Plan;
import dev.virtwire.ui.Messages;
import dev.virtwire.ui.Settings;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Shows a plan before it runs: what it does in one line and the exact equivalent commands (selectable, to
 * copy into a terminal). Risky plans (the host's own uplink) say so and cannot be waved through silently.
 */
public final class PlanPreview {
    private PlanPreview() {
    }

    /** True when the user chose to apply. */
    public static boolean confirm(Window owner, Plan plan, Messages text, Settings settings,
                                  java.util.Optional<String> host) {
        Dialog<ButtonType> dialog = build(plan, text, settings);
        // made from the Fleet tab: which host it runs on
        host.ifPresent(h -> dialog.setHeaderText(text.format("preview.on-host", plan.title(), h)));
        dialog.initOwner(owner);
        return dialog.showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).isPresent();
    }

    public static Dialog<ButtonType> build(Plan plan, Messages text, Settings settings) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(text.get("preview.title"));
        dialog.setHeaderText(plan.title());
        TextArea commands = new TextArea(String.join("\n", plan.commands()));
        commands.setId("plan-commands");
        commands.setEditable(false);
        commands.setWrapText(false);
        commands.setPrefRowCount(Math.min(16, Math.max(4, plan.commands().size() + 1)));
        commands.setPrefColumnCount(80);
        commands.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace;");
        VBox content = new VBox(8, new Label(text.get("preview.commands")), commands);
        if (plan.risky()) {
            Label warning = new Label(text.get("preview.risky"));
            warning.setId("plan-risky");
            warning.setWrapText(true);
            warning.setStyle("-fx-text-fill: -vw-error; -fx-font-weight: bold;");
            content.getChildren().add(0, warning);
        } else {
            CheckBox skip = new CheckBox(text.get("preview.skip-safe"));
            skip.setId("plan-skip-safe");
            skip.setSelected(settings.skipPreviewForSafeChanges());
            skip.selectedProperty().addListener((o, was, now) -> settings.setSkipPreviewForSafeChanges(now));
            content.getChildren().add(skip);
        }
        dialog.getDialogPane().setContent(content);
        ButtonType apply = new ButtonType(text.get("preview.apply"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(apply, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(apply).setId("plan-apply");
        return dialog;
    }
}
