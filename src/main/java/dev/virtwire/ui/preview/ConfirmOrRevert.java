package dev.virtwire.ui.preview;

import dev.virtwire.change.Changes;
import dev.virtwire.ui.Messages;
import java.time.Duration;
import java.time.Instant;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * After a risky change (the host's own uplink) the host reverts it by itself unless the user confirms in
 * time: if the user can still click "Keep", the host is still reachable. The countdown runs here too.
 */
public final class ConfirmOrRevert {
    private ConfirmOrRevert() {
    }

    /** True when the user keeps the change before the deadline. */
    public static boolean ask(Window owner, Changes.Confirmation waiting, Messages text) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(text.get("confirm.title"));
        dialog.setHeaderText(waiting.entry().title());
        long total = Math.max(1, Duration.between(Instant.now(), waiting.deadline()).toSeconds());
        Label left = new Label();
        left.setId("confirm-countdown");
        ProgressBar bar = new ProgressBar(1);
        bar.setMaxWidth(Double.MAX_VALUE);
        dialog.getDialogPane().setContent(new VBox(8, new Label(text.get("confirm.body")), bar, left));
        ButtonType keep = new ButtonType(text.get("confirm.keep"), ButtonBar.ButtonData.OK_DONE);
        ButtonType revert = new ButtonType(text.get("confirm.revert"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(keep, revert);
        Timeline tick = new Timeline(new KeyFrame(javafx.util.Duration.millis(250), e -> {
            long seconds = Math.max(0, Duration.between(Instant.now(), waiting.deadline()).toSeconds());
            left.setText(text.format("confirm.left", seconds));
            bar.setProgress(seconds / (double) total);
            if (seconds == 0) {
                dialog.setResult(revert);
                dialog.close();
            }
        }));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        boolean kept = dialog.showAndWait().filter(keep::equals).isPresent();
        tick.stop();
        return kept;
    }
}
