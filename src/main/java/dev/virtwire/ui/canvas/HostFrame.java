package dev.virtwire.ui.canvas;

import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One host of the fleet canvas: a frame titled with the host's name and its state (reading, up, unreachable and
 * retrying) around the host's own graph; collapsed, the frame is its title line with a summary (guests,
 * networks, problems). It draws what it is given; it never reads a host.
 */
public final class HostFrame extends VBox {
    private final String host;
    private final GraphCanvas canvas = new GraphCanvas();
    private final Label state = new Label();
    private final Label summary = new Label();
    private final Label message = new Label();
    private final StackPane body = new StackPane();
    private final Button toggle = new Button();
    private boolean fitQueued;
    private final BooleanProperty collapsed = new SimpleBooleanProperty(this, "collapsed", false);

    public HostFrame(String host, String collapseWords, String expandWords) {
        this.host = host;
        getStyleClass().add("host-frame");
        setId("frame-" + host);
        Label name = new Label(host);
        name.getStyleClass().add("host-frame-name");
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the state and summary give way first
        state.getStyleClass().add("host-frame-state");
        state.setId("frame-state-" + host);
        state.setMinWidth(0);
        summary.getStyleClass().add("host-frame-summary");
        summary.setId("frame-summary-" + host);
        summary.setMinWidth(0);
        toggle.getStyleClass().add("host-frame-toggle");
        toggle.setId("frame-toggle-" + host);
        toggle.setFocusTraversable(true);
        toggle.setOnAction(e -> collapsed.set(!collapsed.get()));
        HBox title = new HBox(8, toggle, name, state, summary);
        title.getStyleClass().add("host-frame-title");
        title.setAlignment(Pos.CENTER_LEFT);
        // the title line is where the frame is opened and closed, as a group box is on the canvas
        title.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                collapsed.set(!collapsed.get());
            }
        });
        message.getStyleClass().add("host-frame-message");
        message.setWrapText(true);
        message.setId("frame-message-" + host);
        body.getChildren().addAll(canvas, message);
        body.setMinSize(0, 0);
        // the graph fits its frame whenever the frame changes size (another frame collapsed, the window resized)
        canvas.widthProperty().addListener((o, was, now) -> fitSoon());
        canvas.heightProperty().addListener((o, was, now) -> fitSoon());
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(title, body);
        collapsed.addListener((o, was, now) -> shape(collapseWords, expandWords));
        shape(collapseWords, expandWords);
        showMessage("");
    }

    public String host() {
        return host;
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    /** Collapsed: the title line and its summary only. */
    public BooleanProperty collapsedProperty() {
        return collapsed;
    }

    /** Whether the frame shows the host's graph (not words in its place). */
    public boolean hasGraph() {
        return canvas.isVisible();
    }

    /** The size of the host's picture in world units (what its fit has to show). */
    javafx.geometry.Dimension2D picture() {
        javafx.geometry.Bounds b = canvas.contentBounds();
        return new javafx.geometry.Dimension2D(b.getWidth(), b.getHeight());
    }

    /** Before the host's first picture (reading) or while it is down: the state and words in place of a graph. */
    public void showMessage(String stateWords, String words, String styleClass) {
        setState(stateWords, styleClass);
        summary.setText(""); // the counts of a host read before it went down are not its counts now
        showMessage(words);
    }

    /** The summary line alone (the problem count, known after the graph was drawn). */
    public void showSummary(String summaryWords) {
        summary.setText(summaryWords);
    }

    /** The host's graph, laid out, with its summary line. */
    public void showGraph(String stateWords, Diagram diagram, Map<BoxKey, Spot> spots, String summaryWords) {
        setState(stateWords, "up");
        summary.setText(summaryWords);
        // its first graph, or its graph again after it was down: the frame takes the room a graph takes
        boolean wasWords = !canvas.isVisible();
        message.setVisible(false);
        canvas.setVisible(true);
        canvas.show(diagram, spots);
        if (wasWords) {
            canvas.fit();
            getParent().requestLayout(); // the frame with a graph takes more room than one with words
        }
    }

    /**
     * Fits the graph once the layout pass that resized it is over: fitted inside the pass, its boxes' level of
     * detail changed while the scene was being laid out and some were left undrawn.
     */
    private void fitSoon() {
        if (!fitQueued) {
            fitQueued = true;
            javafx.application.Platform.runLater(() -> {
                fitQueued = false;
                canvas.fit();
            });
        }
    }

    /** Marks the frame (e.g. "broken": the frame holds the hop where a path breaks); none clears it. */
    public void mark(String styleClass, boolean on) {
        getStyleClass().remove(styleClass);
        if (on) {
            getStyleClass().add(styleClass);
        }
    }

    private void showMessage(String words) {
        message.setText(words);
        message.setVisible(true);
        canvas.setVisible(false);
    }

    private void setState(String words, String styleClass) {
        state.setText(words);
        getStyleClass().removeAll("reading", "up", "down");
        getStyleClass().add(styleClass);
    }

    private void shape(String collapseWords, String expandWords) {
        boolean closed = collapsed.get();
        toggle.setText(closed ? "▸" : "▾");
        toggle.setAccessibleText((closed ? expandWords : collapseWords) + " " + host);
        toggle.setTooltip(new javafx.scene.control.Tooltip(closed ? expandWords : collapseWords));
        body.setVisible(!closed);
        body.setManaged(!closed);
        if (!closed) {
            canvas.fit();
        }
    }
}
