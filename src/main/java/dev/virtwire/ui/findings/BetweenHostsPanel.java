package dev.virtwire.ui.findings;

import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.ui.Messages;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The findings between the hosts of the Fleet tab (what {@code virtwire fleet check} prints): each with its evidence,
 * where it is on each host and what to do; one whose fix is a change of one host has its Fix button, made there,
 * and one button for each other host the same fix can be made on instead (which clone of a guest gets a new MAC).
 */
public final class BetweenHostsPanel extends VBox {
    private final Messages text;
    private final VBox body = new VBox(6);
    private final Label verdict = new Label();
    private final Consumer<FleetFinding.HostFix> onFix;
    private final HostsNow hosts;

    /**
     * @param hosts the fleet's hosts as drawn now
     * @param onFix the fix whose button was pressed: a finding's offered one, or the same made on another host
     */
    public BetweenHostsPanel(Messages text, HostsNow hosts, Consumer<FleetFinding.HostFix> onFix, Runnable onClose) {
        this.text = text;
        this.hosts = hosts;
        this.onFix = onFix;
        getStyleClass().add("findings-panel");
        setId("findings-between");
        FindingParts.verdict(verdict, "findings-between-verdict");
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(FindingParts.titleLine(text, text.get("findings.between.title"), onClose), verdict,
                FindingParts.scrolled(body));
    }

    /** While the hosts' snapshots are checked. */
    public void showChecking() {
        verdict.setText(text.get("findings.between.checking"));
        verdict.getStyleClass().removeAll("verdict-ok", "verdict-bad");
    }

    /** Errors first, in the order found. @param hostsUp how many hosts were up and checked */
    public void show(List<FleetFinding> found, int hostsUp) {
        List<FleetFinding> findings = found.stream().sorted(java.util.Comparator.comparing(FleetFinding::severity))
                .toList();
        verdict.setText(findings.isEmpty() ? text.format("findings.between.none", hostsUp)
                : text.format("findings.between.count", findings.size(), hostsUp));
        verdict.getStyleClass().removeAll("verdict-ok", "verdict-bad");
        verdict.getStyleClass().add(findings.isEmpty() ? "verdict-ok" : "verdict-bad");
        body.getChildren().clear();
        for (int i = 0; i < findings.size(); i++) {
            FleetFinding f = findings.get(i);
            body.getChildren().add(FindingParts.card(text, f, f.id() + "-" + i, hosts, onFix));
        }
    }

    public String verdictText() {
        return verdict.getText();
    }
}
