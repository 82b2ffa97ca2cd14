package dev.virtwire.ui.findings;

import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.ui.Messages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Every problem of the host the read-only rules find (no probes), grouped by root cause: one group per rule,
 * errors first, naming each guest it hits with that guest's Fix. A guest's name shows its path on the canvas.
 */
public final class ProblemsPanel extends VBox {
    private final Messages text;
    private final Consumer<String> showPath;
    private final BiConsumer<String, Finding> fix;
    private final VBox body = new VBox(6);
    private final Label title = new Label();
    private Map<String, Optional<Finding>> shown = Map.of();

    public ProblemsPanel(Messages text, Consumer<String> showPath, BiConsumer<String, Finding> fix) {
        this.text = text;
        this.showPath = showPath;
        this.fix = fix;
        setId("problems");
        getStyleClass().add("problems-panel");
        title.getStyleClass().add("side-title");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        body.setPadding(new Insets(0, 8, 8, 8));
        getChildren().addAll(title, scroll);
    }

    /** The worst finding of each running guest (none: the guest looks fine). */
    public void show(Map<String, Optional<Finding>> worst) {
        if (worst.equals(shown)) {
            return; // the same answer: the buttons stay where the user may be about to click
        }
        shown = Map.copyOf(worst);
        Map<String, List<Map.Entry<String, Finding>>> byCause = new LinkedHashMap<>();
        worst.entrySet().stream().filter(e -> e.getValue().isPresent())
                .map(e -> Map.entry(e.getKey(), e.getValue().get()))
                .sorted(Comparator.comparing((Map.Entry<String, Finding> e) -> e.getValue().severity().ordinal())
                        .thenComparing(e -> e.getValue().id()).thenComparing(Map.Entry::getKey))
                .forEach(e -> byCause.computeIfAbsent(e.getValue().id(), k -> new ArrayList<>()).add(e));
        long guests = byCause.values().stream().mapToLong(List::size).sum();
        title.setText(text.format("problems.title", guests));
        body.getChildren().clear();
        byCause.forEach((cause, hits) -> body.getChildren().add(group(cause, hits)));
    }

    /** How many guests have a problem now. */
    public int count() {
        return body.getChildren().stream().mapToInt(g -> (Integer) g.getUserData()).sum();
    }

    private TitledPane group(String cause, List<Map.Entry<String, Finding>> hits) {
        VBox rows = new VBox(4);
        for (Map.Entry<String, Finding> hit : hits) {
            Hyperlink guest = new Hyperlink(hit.getKey());
            guest.setId("problem-" + cause + "-" + hit.getKey());
            guest.setOnAction(e -> showPath.accept(hit.getKey()));
            Label what = new Label(hit.getValue().title());
            what.setWrapText(true);
            FlowPane row = new FlowPane(6, 2, guest);
            hit.getValue().fix().ifPresent(f -> row.getChildren().add(FindingParts.fixButton(text, f,
                    "problem-fix-" + cause + "-" + hit.getKey(), () -> fix.accept(hit.getKey(), hit.getValue()))));
            rows.getChildren().addAll(row, what);
        }
        Finding first = hits.get(0).getValue();
        TitledPane group = new TitledPane(FindingParts.severity(text, first.severity()) + "  "
                + text.format("problems.group", cause, hits.size()), rows);
        group.getStyleClass().add("finding-" + (first.severity() == Severity.ERROR ? "error" : "warning"));
        group.setUserData(hits.size());
        group.setMaxWidth(Double.MAX_VALUE);
        group.setMinWidth(0);
        group.setId("problems-" + cause);
        return group;
    }
}
