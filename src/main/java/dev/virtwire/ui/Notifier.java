package dev.virtwire.ui;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Non-modal messages in a corner of the window (ControlsFX notifications): errors never stack dialogs. */
public final class Notifier {
    private final Window owner;

    public Notifier(Window owner) {
        this.owner = owner;
    }

    public void error(String title, Throwable problem) {
        error(title, problem.getMessage() == null ? problem.toString() : problem.getMessage());
    }

    public void error(String title, String message) {
        show(title, message, true);
    }

    public void info(String title, String message) {
        show(title, message, false);
    }

    private void show(String title, String message, boolean error) {
        Runnable r = () -> {
            Notifications n = Notifications.create().owner(owner).title(title).text(message)
                    .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(error ? 12 : 4));
            if (error) {
                n.showError();
            } else {
                n.showInformation();
            }
        };
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
