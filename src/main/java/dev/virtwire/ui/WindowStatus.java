package dev.virtwire.ui;

import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.controlsfx.control.StatusBar;

/**
 * The window's status bar: a line about the host on show, the progress of the change under way with its step
 * ("Step 2 of 3: virsh ..."), and while a host is being opened or a change planned (both only read), a button to
 * give up waiting.
 */
final class WindowStatus {
    private final StatusBar bar = new StatusBar();
    private final Label step = new Label();
    private final Button cancelPlan;
    private final Messages text;
    private Optional<HostEditor> followed = Optional.empty();

    WindowStatus(Messages text) {
        this.text = text;
        bar.setId("status-bar");
        bar.setText(text.get("status.none"));
        step.setId("change-step");
        cancelPlan = new Button(text.get("status.cancel"));
        cancelPlan.setId("cancel-plan");
        cancelPlan.setVisible(false);
        cancelPlan.managedProperty().bind(cancelPlan.visibleProperty());
        cancelPlan.setOnAction(e -> followed.ifPresent(HostEditor::cancel));
        bar.getRightItems().addAll(step, cancelPlan);
    }

    StatusBar bar() {
        return bar;
    }

    void say(String line) {
        bar.setText(line);
    }

    /** Shows the progress of the changes of this host's editor (none when no host is on show). */
    void follow(Optional<HostEditor> editor) {
        bar.progressProperty().unbind();
        step.textProperty().unbind();
        cancelPlan.visibleProperty().unbind();
        cancelPlan.setVisible(false);
        step.setText("");
        bar.setProgress(0);
        followed = editor;
        editor.ifPresent(e -> {
            bar.progressProperty().bind(e.progressProperty());
            step.textProperty().bind(e.stepProperty());
            // while a change is only being planned, the user may stop waiting; never once it runs
            cancelPlan.visibleProperty().bind(e.cancellableProperty());
        });
    }

    /**
     * Says a host is being read, with a Cancel button (reading a remote host can hang on the network).
     *
     * @return what ends it: the button goes away
     */
    Runnable opening(String where, Runnable cancel) {
        bar.setText(text.format("status.loading", where));
        bar.progressProperty().unbind();
        bar.setProgress(-1);
        Button button = new Button(text.get("status.cancel"));
        button.setId("cancel-open");
        button.setOnAction(e -> cancel.run());
        bar.getRightItems().add(button);
        return () -> {
            bar.setProgress(0);
            bar.getRightItems().remove(button);
        };
    }
}
