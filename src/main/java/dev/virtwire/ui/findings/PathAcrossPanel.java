package dev.virtwire.ui.findings;

import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.fleet.DiagnosisAcrossHosts;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.model.Id;
import dev.virtwire.ui.Messages;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The troubleshooter's answer for a guest and a guest on another host: reachable or not and the broken hop with
 * its host, then what is wrong between the hosts, each host's own findings (named with the host), what was seen
 * of the segment between them and what was not checked. A host's finding with a fix has its Fix button, which is
 * made on that host.
 */
public final class PathAcrossPanel extends VBox {
    private final Messages text;
    private final VBox body = new VBox(6);
    private final Label verdict = new Label();
    private final BiConsumer<String, Finding> onFix;
    private final HostsNow hosts;

    /** @param hosts the fleet's hosts as drawn now; @param onFix a host's finding whose Fix was pressed, with the host */
    public PathAcrossPanel(Messages text, HostsNow hosts, BiConsumer<String, Finding> onFix, Runnable onClose) {
        this.text = text;
        this.hosts = hosts;
        this.onFix = onFix;
        getStyleClass().add("findings-panel");
        setId("findings-across");
        FindingParts.verdict(verdict, "findings-across-verdict");
        getChildren().addAll(FindingParts.titleLine(text, onClose), verdict, FindingParts.scrolled(body));
    }

    /** While the diagnosis runs. */
    public void showAsking(String from, String to) {
        verdict.setText(text.format("findings.across.asking", from, to));
        verdict.getStyleClass().removeAll("verdict-ok", "verdict-bad");
        body.getChildren().clear();
    }

    /** The walk failed (a host went away, a guest is gone): says so in place of "walking". */
    public void showFailed(String from, String to, String why) {
        verdict.setText(text.format("findings.across.failed", from, to, why));
        verdict.getStyleClass().removeAll("verdict-ok", "verdict-bad");
        verdict.getStyleClass().add("verdict-bad");
    }

    public void show(DiagnosisAcrossHosts d) {
        String answer = d.reachable().map(r -> text.get(r ? "findings.reachable" : "findings.unreachable"))
                .orElse(text.get("findings.unknown"));
        String broken = d.brokenHop().map(h -> ". " + h.host().map(host -> text.format("findings.across.broken",
                place(host, h), host)).orElse(text.get("findings.across.broken-between"))).orElse("");
        verdict.setText(text.format("findings.verdict", d.from(), d.to(), answer) + broken);
        verdict.getStyleClass().removeAll("verdict-ok", "verdict-bad");
        verdict.getStyleClass().add(d.reachable().orElse(true) ? "verdict-ok" : "verdict-bad");
        body.getChildren().clear();
        d.between().forEach(f -> body.getChildren().add(card(f)));
        for (DiagnosisAcrossHosts.HostDiagnosis half : List.of(d.there(), d.back())) {
            half.diagnosis().findings().forEach(f -> body.getChildren().add(card(half.host(), f)));
        }
        if (body.getChildren().isEmpty()) {
            body.getChildren().add(new Label(text.get("findings.none")));
        }
        Label path = FindingParts.wrapped(text.get("findings.across.path") + " " + String.join(" → ",
                d.path().stream().map(h -> (h.ok() ? "" : "✗ ") + words(h)).toList()));
        path.setId("findings-across-path");
        body.getChildren().add(path);
        d.segment().forEach(e -> body.getChildren().add(FindingParts.wrapped("• " + e)));
        d.unchecked().forEach(u -> body.getChildren().add(FindingParts.wrapped(text.get("findings.unchecked") + " "
                + u)));
    }

    /** A hop in words: "kvm2, bridge br0"; the segment between the hosts as the LAN between them. */
    private String words(DiagnosisAcrossHosts.FleetHop h) {
        return h.host().map(host -> text.format("findings.across.hop", host, place(host, h)))
                .orElse(text.get("findings.across.between"));
    }

    /** A host's hop as the window names things there ("bridge br0", "guest g1 NIC …"). */
    private String place(String host, DiagnosisAcrossHosts.FleetHop h) {
        return Id.tryParseNode(h.node()).map(n -> PlaceWords.of(text, n, hosts.snapshot(host))).orElse(h.node());
    }

    public String verdictText() {
        return verdict.getText();
    }

    /** A finding between the hosts on the path, with its steps (the Fleet tab's Check all offers the fixes). */
    private javafx.scene.control.TitledPane card(FleetFinding f) {
        return FindingParts.card(text, new FleetFinding(f.id(), f.severity(), f.title(), f.evidence(), f.places(),
                f.steps()), f.id(), hosts, fix -> { });
    }

    /** One host's own finding, as the single host's panel shows it, its title naming the host. */
    private javafx.scene.control.TitledPane card(String host, Finding f) {
        return FindingParts.card(text, f.severity(), host + ": " + f.title(), host + "-" + f.id(),
                f.fix().map(fix -> FindingParts.fixButton(text, fix, "fix-" + host + "-" + f.id(),
                        () -> onFix.accept(host, f))), FindingParts.lines(text, f));
    }
}
