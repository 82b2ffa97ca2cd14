package dev.virtwire.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;

/**
 * The toolbar's bell: how many messages came since the user last looked (a count on the icon), and on a click
 * the notification log, newest first, where nothing a toast said is lost when it fades.
 */
final class NoticeBell {

    private NoticeBell() {
    }

    static Button build(Window owner, NoticeLog log, Messages text) {
        Label count = new Label();
        count.setId("notices-unread");
        count.getStyleClass().add("bell-count");
        count.textProperty().bind(log.unreadProperty().asString());
        count.visibleProperty().bind(log.unreadProperty().greaterThan(0));
        StackPane icon = new StackPane(new FontIcon(MaterialDesignB.BELL_OUTLINE), count);
        StackPane.setAlignment(count, javafx.geometry.Pos.TOP_RIGHT);
        Button bell = new Button(text.get("toolbar.notices"), icon);
        bell.setId("notices");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.format(text.get("notices.tooltip"), log.unreadProperty()));
        bell.setTooltip(tip);
        bell.accessibleTextProperty().bind(tip.textProperty());
        bell.setOnAction(e -> open(owner, log, text));
        return bell;
    }

    /** The log in a window of its own that stays open beside the main one; opening it reads everything. */
    static void open(Window owner, NoticeLog log, Messages text) {
        ListView<Notice> list = new ListView<>(new SortedList<>(log.notices(), (a, b) -> b.when().compareTo(a.when())));
        list.setId("notices-list");
        list.setPlaceholder(new Label(text.get("notices.none")));
        list.setPrefSize(640, 360);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Notice notice, boolean empty) {
                super.updateItem(notice, empty);
                getStyleClass().removeAll("notice-info", "notice-error", "notice-partial_failure");
                if (empty || notice == null) {
                    setText(null);
                    return;
                }
                setText(TimeOfDay.of(notice.when()) + "  " + text.get("notices.kind." + notice.kind().name()
                        .toLowerCase(java.util.Locale.ROOT)) + "  " + notice.title() + "\n" + notice.message());
                setWrapText(true);
                setPrefWidth(0);
                getStyleClass().add("notice-" + notice.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.setTitle(text.get("notices.title"));
        dialog.getDialogPane().setId("notices-dialog");
        dialog.getDialogPane().setContent(new VBox(list));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        log.read();
        dialog.show();
    }
}
