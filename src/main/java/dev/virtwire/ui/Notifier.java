package dev.virtwire.ui;

import dev.virtwire.log.Log;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Non-modal messages in a corner of the window (ControlsFX notifications): errors never stack dialogs. */
public final class Notifier {
    private static final System.Logger LOG = System.getLogger("dev.virtwire.ui");

    private final Window owner;
    private final Messages text;

    public Notifier(Window owner, Messages text) {
        this.owner = owner;
        this.text = text;
    }

    /** A failure: its message, and where the log is; the stack trace goes to the log only. */
    public void error(String title, Throwable problem) {
        LOG.log(System.Logger.Level.WARNING, title + ": " + Log.oneLine(problem), problem);
        error(title, Log.oneLine(problem) + withLogPath());
    }

    /** An exception nothing caught, already logged: one line, and where the log is. */
    public void unexpected(String line) {
        error(text.get("error.unexpected"), line);
    }

    private String withLogPath() {
        return Log.file().map(p -> "\n" + text.format("error.log", p)).orElse("");
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
