package dev.virtwire.ui;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.stage.Window;

/**
 * Every message the window gave, newest last, and how many the user has not looked at yet (the bell's count).
 * One per window, kept with the window itself so it outlives a rebuild (another language); FX thread only.
 */
final class NoticeLog {
    private static final String KEY = NoticeLog.class.getName();
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper(this, "unread", 0);

    /** The log of this window, made the first time it is asked for. */
    static NoticeLog of(Window window) {
        return (NoticeLog) window.getProperties().computeIfAbsent(KEY, k -> new NoticeLog());
    }

    void add(Notice notice) {
        notices.add(notice);
        unread.set(unread.get() + 1);
    }

    ObservableList<Notice> notices() {
        return FXCollections.unmodifiableObservableList(notices);
    }

    ReadOnlyIntegerProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }

    /** The user opened the log: everything in it is read. */
    void read() {
        unread.set(0);
    }
}
