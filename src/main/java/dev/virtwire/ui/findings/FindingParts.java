package dev.virtwire.ui.findings;

import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.ui.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/** What the troubleshooter's answer and the Problems panel show alike of a finding: its severity, its Fix button. */
final class FindingParts {
    private FindingParts() {
    }

    /** "ERROR", "WARNING", "INFO" in the window's language, leading a finding's title. */
    static String severity(Messages text, Severity severity) {
        return text.get("severity." + severity.json()).toUpperCase(Locale.ROOT);
    }

    /** "Fix: what it does", its text wrapped in a narrow column. */
    static Button fixButton(Messages text, Fix fix, String id, Runnable onFix) {
        Button apply = new Button(text.get("findings.fix") + ": " + fix.description());
        apply.setId(id);
        apply.setWrapText(true);
        apply.setOnAction(e -> onFix.run());
        return apply;
    }

    /**
     * A finding's card: its severity and title on the bar; inside, the title in bold, the Fix button when there is
     * one, then its lines (evidence, steps, symptoms), wrapped.
     */
    static TitledPane card(Messages text, Severity severity, String title, String id, Optional<Button> fix,
                           List<String> lines) {
        return card(text, severity, title, id, fix.stream().toList(), lines);
    }

    /** A card with several fix buttons, the one offered first. */
    static TitledPane card(Messages text, Severity severity, String title, String id, List<Button> fixes,
                           List<String> lines) {
        VBox content = new VBox(4);
        Label what = wrapped(title);
        what.setStyle("-fx-font-weight: bold;");
        content.getChildren().add(what);
        content.getChildren().addAll(fixes);
        lines.forEach(l -> content.getChildren().add(wrapped(l)));
        TitledPane card = new TitledPane(severity(text, severity) + "  " + title, content);
        card.getStyleClass().add("finding-" + severity.json());
        card.setMinWidth(0);
        card.setMaxWidth(Double.MAX_VALUE);
        card.setId("finding-" + id);
        return card;
    }

    /**
     * A finding between hosts: where it is on each host (in words, each link by its kind on that host as it is now),
     * its evidence and steps; its Fix button (id {@code fix-between-HOST-ID}) when its fix is a change of one host,
     * then a button for the same fix on each other host that can take it instead ({@link FixOnAnotherHost}).
     */
    static TitledPane card(Messages text, dev.virtwire.diagnose.fleet.FleetFinding f, String id, HostsNow hosts,
                           java.util.function.Consumer<dev.virtwire.diagnose.fleet.FleetFinding.HostFix> onFix) {
        List<String> lines = new java.util.ArrayList<>();
        f.places().forEach(p -> lines.add(text.format("findings.across.where", p.host(),
                PlaceWords.of(text, p.node(), hosts.snapshot(p.host())))));
        f.evidence().forEach(e -> lines.add("• " + e));
        f.steps().forEach(s -> lines.add("→ " + s));
        List<Button> fixes = new java.util.ArrayList<>();
        f.fix().ifPresent(x -> fixes.add(fixButton(text, x.fix(), "fix-between-" + x.host() + "-" + f.id(),
                () -> onFix.accept(x))));
        fixes.addAll(FixOnAnotherHost.buttons(text, f, hosts, onFix));
        return card(text, f.severity(), f.title(), id, fixes, lines);
    }

    static Label wrapped(String line) {
        Label l = new Label(line);
        l.setWrapText(true);
        return l;
    }

    /** A finding's evidence, steps and symptoms, as its card lists them. */
    static List<String> lines(Messages text, dev.virtwire.diagnose.Finding f) {
        List<String> lines = new java.util.ArrayList<>();
        f.evidence().forEach(e -> lines.add("• " + e));
        f.steps().forEach(s -> lines.add("→ " + s));
        f.symptoms().forEach(s -> lines.add(text.get("findings.symptom") + " " + s.title()));
        return lines;
    }

    /** A troubleshooter panel's title line: its title and the Close button. */
    static javafx.scene.layout.HBox titleLine(Messages text, Runnable onClose) {
        return titleLine(text, text.get("findings.title"), onClose);
    }

    /** A panel's title line with its own title. */
    static javafx.scene.layout.HBox titleLine(Messages text, String titleText, Runnable onClose) {
        Label title = new Label(titleText);
        title.getStyleClass().add("side-title");
        Button close = new Button(text.get("findings.close"));
        close.setOnAction(e -> onClose.run());
        return new javafx.scene.layout.HBox(8, title, close);
    }

    /** The verdict line under it, wrapped, with the panel's margins. */
    static void verdict(Label verdict, String id) {
        verdict.setId(id);
        verdict.setWrapText(true);
        verdict.setPadding(new javafx.geometry.Insets(0, 8, 0, 8));
    }

    /** The findings' column, scrolled, taking the panel's height that is left. */
    static javafx.scene.control.ScrollPane scrolled(VBox body) {
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        body.setPadding(new javafx.geometry.Insets(4, 8, 8, 8));
        return scroll;
    }
}
