package dev.virtwire.ui.canvas;

import java.util.ResourceBundle;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** What the colours and lines mean, in one row under the canvas: the picture explains itself. */
public final class Legend extends FlowPane {

    public Legend(ResourceBundle text) {
        getStyleClass().add("legend");
        setId("legend");
        setAlignment(Pos.CENTER_LEFT);
        setHgap(14);
        setVgap(4);
        for (String mode : new String[] {"nat", "route", "open", "isolated", "bridge", "macvtap"}) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("legend-swatch", "mode-" + mode);
            Label label = new Label(text.getString("mode." + mode), swatch);
            getChildren().add(label);
        }
        getChildren().add(line("edge-line", text.getString("legend.wired")));
        getChildren().add(line("edge-line legend-configured", text.getString("legend.configured")));
        getChildren().add(line("edge-line legend-broken", text.getString("legend.not-wired")));
        Region off = new Region();
        off.getStyleClass().addAll("legend-swatch", "legend-off");
        getChildren().add(new Label(text.getString("legend.off"), off));
        FontIcon notSaved = new FontIcon(MaterialDesignR.RESTART_OFF);
        notSaved.getStyleClass().add("legend-saved-icon");
        getChildren().add(new Label(text.getString("legend.not-saved"), notSaved));
    }

    private static Label line(String styles, String text) {
        Line line = new Line(0, 0, 26, 0);
        line.getStyleClass().addAll(styles.split(" "));
        return new Label(text, line);
    }
}
