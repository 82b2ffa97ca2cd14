package dev.virtwire.ui;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.log.Log;
import java.time.Instant;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Non-modal messages in a corner of the window (ControlsFX notifications), each also kept in the notification
 * log behind the toolbar's bell: errors never stack dialogs, and none is lost when its toast fades.
 */
public final class Notifier {
    private static final System.Logger LOG = System.getLogger("dev.virtwire.ui");

    /** About 600 px of text: a toast fits a 1024 px window. */
    private static final int TOAST_COLUMNS = 90;

    private final Window owner;
    private final Messages text;
    private final NoticeLog log;

    public Notifier(Window owner, Messages text) {
        this.owner = owner;
        this.text = text;
        this.log = NoticeLog.of(owner);
    }

    /** Every message given so far, for the bell. */
    NoticeLog log() {
        return log;
    }

    /**
     * A failure: its message, and where the log is; the stack trace goes to the log only. A change that failed
     * part-way also opens a window that stays until read (what was reverted, what could not be).
     */
    public void error(String title, Throwable problem) {
        LOG.log(System.Logger.Level.WARNING, title + ": " + Log.oneLine(problem), problem);
        if (problem instanceof ChangeFailed failed) {
            onFxThread(() -> PartialFailureDialog.show(owner, text, failed));
            show(title, Log.oneLine(problem) + withLogPath(), Notice.Kind.PARTIAL_FAILURE);
        } else {
            error(title, Log.oneLine(problem) + withLogPath());
        }
    }

    /** An exception nothing caught, already logged: one line, and where the log is. */
    public void unexpected(String line) {
        error(text.get("error.unexpected"), line);
    }

    private String withLogPath() {
        return Log.file().map(p -> "\n" + text.format("error.log", p)).orElse("");
    }

    public void error(String title, String message) {
        show(title, message, Notice.Kind.ERROR);
    }

    public void info(String title, String message) {
        show(title, message, Notice.Kind.INFO);
    }

    /** A toast that fades, and the same message in the notification log, which keeps it. */
    private void show(String title, String message, Notice.Kind kind) {
        Instant when = Instant.now();
        onFxThread(() -> {
            log.add(new Notice(when, kind, title, message));
            boolean error = kind != Notice.Kind.INFO;
            Notifications n = Notifications.create().owner(owner).title(title).text(wrapped(message, TOAST_COLUMNS))
                    .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(error ? 12 : 4));
            if (error) {
                n.showError();
            } else {
                n.showInformation();
            }
        });
    }

    /**
     * The toast's label does not wrap: a long line (a libvirt error with its advice) made it wider than the
     * window, and it ran off the window's left edge. Lines are broken between words (the log keeps them whole).
     */
    static String wrapped(String message, int columns) {
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            int width = 0;
            for (String word : line.split(" ", -1)) {
                if (width > 0 && width + 1 + word.length() > columns) {
                    out.append('\n');
                    width = 0;
                } else if (width > 0) {
                    out.append(' ');
                    width++;
                }
                out.append(word);
                width += word.length();
            }
        }
        return out.toString();
    }

    private static void onFxThread(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
