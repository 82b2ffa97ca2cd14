package dev.virtwire.ui;

import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.BooleanExpression;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;

/**
 * Which toolbar buttons show their word next to their icon: as many as the bar's width has room for, the most
 * needed first (so a narrow window keeps "Troubleshoot…" and "Problems" worded and shows zoom as icons), none
 * when the user chose icons only (View › Toolbar labels). Nothing is ever pushed into the overflow menu.
 */
final class ToolbarWords {
    /** Room kept free: a word that would just touch the search field reads as crowded. */
    private static final double SLACK = 12;
    private static final double SPACING = 4; // modena's .tool-bar -fx-spacing, when the skin's box is not there yet

    private final ToolBar bar;
    private final List<Button> byNeed;
    private final BooleanExpression wanted;

    /** {@code byNeed}: the buttons that may show a word, the one that most needs it first. */
    private ToolbarWords(ToolBar bar, List<Button> byNeed, BooleanExpression wanted) {
        this.bar = bar;
        this.byNeed = List.copyOf(byNeed);
        this.wanted = wanted;
    }

    static void fit(ToolBar bar, List<Button> byNeed, BooleanExpression wanted) {
        ToolbarWords words = new ToolbarWords(bar, byNeed, wanted);
        bar.widthProperty().addListener(words::decide);
        wanted.addListener(words::decide);
        byNeed.forEach(b -> b.textProperty().addListener(words::decide)); // "Problems (12)" is wider than "(3)"
        words.decide(bar.widthProperty());
    }

    private void decide(Observable changed) {
        double free = bar.getWidth() - iconsOnlyWidth() - SLACK;
        for (Button button : byNeed) {
            double word = wordWidth(button);
            boolean shows = wanted.get() && bar.getWidth() > 0 && word <= free;
            if (shows) {
                free -= word;
            }
            button.setContentDisplay(shows ? ContentDisplay.LEFT : ContentDisplay.GRAPHIC_ONLY);
        }
    }

    /** What the bar's items take with every button as an icon (the worded ones' words taken off again). */
    private double iconsOnlyWidth() {
        Insets padding = bar.getPadding();
        double spacing = bar.lookup(".container") instanceof HBox box ? box.getSpacing() : SPACING;
        double width = padding.getLeft() + padding.getRight() + spacing * Math.max(0, bar.getItems().size() - 1);
        for (Node item : bar.getItems()) {
            width += item.prefWidth(-1);
        }
        for (Button button : byNeed) {
            if (button.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY) {
                width -= wordWidth(button);
            }
        }
        return width;
    }

    /** What a button's word adds to it: the text in the button's font and the gap before it. */
    private static double wordWidth(Button button) {
        Text text = new Text(button.getText());
        text.setFont(button.getFont());
        return Math.ceil(text.getLayoutBounds().getWidth()) + button.getGraphicTextGap();
    }
}
