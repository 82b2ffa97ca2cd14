package dev.virtwire.ui.canvas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * One box of the canvas. Its look comes from CSS classes ({@code box box-guest guest-running},
 * {@code box box-network mode-nat inactive}...), so themes restyle it without code.
 */
public final class NodeSkin extends VBox {
    private final DiagramNode node;
    private final Map<BoxKey, Region> ports = new LinkedHashMap<>();
    private final Text brief;
    /** Made when first shown (see setBrief). */
    private List<javafx.scene.Node> full;

    public NodeSkin(DiagramNode node) {
        this.node = node;
        setId(cssId(node.id()));
        getStyleClass().addAll("box", "box-" + node.kind().name().toLowerCase(java.util.Locale.ROOT));
        getStyleClass().addAll(node.style());
        setMinSize(node.width(), node.height());
        setPrefSize(node.width(), node.height());
        setMaxSize(node.width(), node.height());
        setFocusTraversable(true);
        // drawn once as a bitmap and moved as one: text is what costs most in the software pipeline
        setCache(true);
        setAccessibleRole(AccessibleRole.NODE);
        setAccessibleText(node.title() + ". " + String.join(". ", node.details())
                + node.saved().map(m -> ". " + m.line()).orElse(""));
        brief = new Text(node.title());
        brief.getStyleClass().add("box-brief");
        getChildren().add(brief);
    }

    /**
     * Brief, the box holds one text node, its name, instead of a dozen: JavaFX styles and walks every node of
     * the scene, so at 500 guests boxes are brief when zoomed far out (only the name is legible) and when out
     * of view. The full content is made the first time it is shown.
     */
    public void setBrief(boolean far) {
        if (far == isBrief()) {
            return;
        }
        if (far) {
            getChildren().setAll(brief);
        } else {
            getChildren().setAll(full());
        }
    }

    private boolean isBrief() {
        return getChildren().size() == 1 && getChildren().get(0) == brief;
    }

    private List<javafx.scene.Node> full() {
        if (full == null) {
            List<javafx.scene.Node> content = new ArrayList<>();
            if (node.kind() == DiagramNode.Kind.GUEST) {
                content.add(portRow());
            }
            content.add(header());
            node.details().forEach(d -> content.add(detail(d)));
            node.saved().ifPresent(mark -> content.add(savedLine(mark)));
            full = List.copyOf(content);
        }
        return full;
    }

    /** JavaFX ids may not hold ':' or '/' comfortably in CSS selectors; tests look boxes up by these. */
    public static String cssId(BoxKey key) {
        return cssId(key.text());
    }

    /** The CSS id of a key printed as text ("guest:web1" is guest_web1). */
    public static String cssId(String keyText) {
        return keyText.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    public DiagramNode node() {
        return node;
    }

    /** The region drawing a NIC port of this guest card, or empty for other boxes. */
    public java.util.Optional<Region> port(BoxKey key) {
        full();
        return java.util.Optional.ofNullable(ports.get(key));
    }

    private HBox header() {
        Label title = new Label(node.title(), icon());
        title.getStyleClass().add("box-title");
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        HBox header = new HBox(title);
        header.setAlignment(Pos.CENTER_LEFT);
        node.saved().ifPresent(mark -> {
            Label badge = new Label("", icon(savedIcon(mark.kind()), "saved-icon"));
            badge.getStyleClass().add("saved-badge");
            Tooltip.install(badge, new Tooltip(String.join("\n", mark.hover())));
            header.getChildren().add(badge);
        });
        return header;
    }

    /** One amber line: what a reboot does to this box (or that it is only saved). */
    private static Label savedLine(SavedMark mark) {
        Label line = new Label(mark.line());
        line.getStyleClass().addAll("box-detail", "saved-line");
        Tooltip.install(line, new Tooltip(String.join("\n", mark.hover())));
        return line;
    }

    private static Ikon savedIcon(SavedMark.Kind kind) {
        return switch (kind) {
            case GONE_AFTER_REBOOT -> MaterialDesignR.RESTART_OFF;
            case NOT_AS_SAVED -> MaterialDesignC.CONTENT_SAVE_ALERT_OUTLINE;
            case SAVED_NOT_RUNNING -> MaterialDesignC.CONTENT_SAVE_OUTLINE;
        };
    }

    private static Label detail(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("box-detail");
        return label;
    }

    private HBox portRow() {
        HBox row = new HBox();
        row.getStyleClass().add("nic-row");
        for (DiagramNode.NicPort nic : node.nics()) {
            Label address = new Label(nic.label(), icon(MaterialDesignE.ETHERNET, "nic-icon"));
            address.getStyleClass().add("nic-address");
            Label mac = new Label(nic.id().mac());
            mac.getStyleClass().add("nic-mac");
            VBox port = new VBox(address, mac);
            nic.label6().ifPresent(a -> {
                Label v6 = new Label(a);
                v6.getStyleClass().addAll("nic-mac", "nic-address6");
                port.getChildren().add(1, v6);
            });
            port.setId(cssId(nic.key()));
            port.getStyleClass().add("nic-port");
            port.getStyleClass().addAll(nic.style());
            port.setAlignment(Pos.CENTER);
            port.setPrefWidth(node.width() / node.nics().size());
            HBox.setHgrow(port, Priority.ALWAYS);
            ports.put(nic.key(), port);
            row.getChildren().add(port);
        }
        return row;
    }

    private FontIcon icon() {
        return icon(switch (node.kind()) {
            case OUTSIDE -> MaterialDesignC.CLOUD_OUTLINE;
            case HOST_NIC -> MaterialDesignE.ETHERNET;
            case BRIDGE -> MaterialDesignV.VECTOR_LINK;
            case NETWORK -> networkIcon();
            case TAP -> MaterialDesignC.CONNECTION;
            case GUEST -> MaterialDesignM.MONITOR;
            case GROUP -> MaterialDesignS.SERVER_NETWORK;
        }, "box-icon");
    }

    private Ikon networkIcon() {
        String mode = node.style().stream().filter(s -> s.startsWith("mode-")).findFirst().orElse("mode-nat");
        return switch (mode) {
            case "mode-nat" -> MaterialDesignR.ROUTER_NETWORK;
            case "mode-route", "mode-open" -> MaterialDesignR.ROUTER;
            case "mode-isolated" -> MaterialDesignL.LAN_DISCONNECT;
            case "mode-macvtap" -> MaterialDesignL.LAN_PENDING;
            default -> MaterialDesignL.LAN;
        };
    }

    private static FontIcon icon(Ikon ikon, String style) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add(style);
        return icon;
    }
}
