package dev.virtwire.ui;

import javafx.beans.property.BooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * The demo host's first-run hint above the canvas: what to try there. It goes when dismissed, and stays gone
 * (the choice is remembered, and View › Demo host hint brings it back).
 */
final class DemoHint extends HBox {
    DemoHint(Messages text, BooleanProperty shown, Runnable troubleshootMail) {
        super(10);
        setId("demo-hint");
        getStyleClass().add("demo-hint");
        Label what = new Label(text.get("hint.demo"), new FontIcon(MaterialDesignL.LIGHTBULB_ON_OUTLINE));
        what.setWrapText(true);
        what.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(what, Priority.ALWAYS);
        Button mail = new Button(text.get("hint.demo.troubleshoot"));
        mail.setId("demo-hint-troubleshoot");
        mail.setOnAction(e -> troubleshootMail.run());
        mail.setMinWidth(Region.USE_PREF_SIZE);
        Button dismiss = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        dismiss.setId("demo-hint-dismiss");
        dismiss.setAccessibleText(text.get("hint.dismiss"));
        dismiss.setTooltip(new javafx.scene.control.Tooltip(text.get("hint.dismiss")));
        dismiss.setOnAction(e -> shown.set(false));
        getChildren().addAll(what, mail, dismiss);
        visibleProperty().bind(shown);
        managedProperty().bind(shown);
    }
}
