package dev.virtwire.ui.canvas;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * The marks on guests in trouble that can be clicked: a small button on the box's top right corner (red for an
 * error, amber for a warning) that opens the troubleshooter for that guest. It follows its box when the box is
 * dragged; a new picture of the host takes them all away until the rules have been over it again.
 */
public final class Badges {
    private final Group layer = new Group();
    private final Function<BoxKey, java.util.Optional<NodeSkin>> skins;

    Badges(Function<BoxKey, java.util.Optional<NodeSkin>> skins) {
        this.skins = skins;
    }

    Group layer() {
        return layer;
    }

    /**
     * @param severity per guest box: "trouble" or "warning" (the style classes of the box's own mark)
     * @param says     what the badge tells a screen reader and the tooltip, per box
     * @param onClick  told which box's badge was clicked
     */
    public void show(Map<BoxKey, String> severity, Function<BoxKey, String> says, Consumer<BoxKey> onClick) {
        layer.getChildren().clear();
        severity.forEach((key, kind) -> skins.apply(key).ifPresent(skin -> {
            Button badge = new Button(null, new FontIcon(MaterialDesignA.ALERT_CIRCLE));
            badge.setId("badge-" + NodeSkin.cssId(key));
            badge.getStyleClass().addAll("problem-badge", kind);
            badge.setAccessibleText(says.apply(key));
            badge.setTooltip(new Tooltip(says.apply(key)));
            badge.layoutXProperty().bind(skin.layoutXProperty().add(skin.widthProperty()).subtract(14));
            badge.layoutYProperty().bind(skin.layoutYProperty().subtract(10));
            badge.setOnAction(e -> onClick.accept(key));
            layer.getChildren().add(badge);
        }));
    }

    void clear() {
        layer.getChildren().clear();
    }
}
