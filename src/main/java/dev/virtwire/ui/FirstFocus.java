package dev.virtwire.ui;

import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Gives a node the focus as soon as it can take it: a tab's content joins the scene only at the tab pane's
 * next layout, and a focus asked for before then is lost (the scene then focuses its first control).
 */
final class FirstFocus {
    private FirstFocus() {
    }

    static void when(Node node) {
        if (node.getScene() != null) {
            node.requestFocus();
            return;
        }
        node.sceneProperty().addListener(new ChangeListener<Scene>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Scene> o, Scene was, Scene now) {
                if (now != null) {
                    node.sceneProperty().removeListener(this);
                    node.requestFocus();
                }
            }
        });
    }
}
