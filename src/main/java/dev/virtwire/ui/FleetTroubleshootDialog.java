package dev.virtwire.ui;

import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Troubleshoot… over the fleet: which guest (its host, then the guest), reaching a guest on another host (that
 * host, then its guest). Only hosts that are up are offered (with fewer than two, the user is told instead); the
 * answer is drawn across both frames.
 */
final class FleetTroubleshootDialog {
    private FleetTroubleshootDialog() {
    }

    /** What was asked: a guest of one host, and a guest of another. */
    interface Answer {
        void troubleshoot(String fromHost, String guest, String toHost, String target);
    }

    /** @param up the hosts that are up now, in the fleet's order, with what was read there */
    static void ask(Window owner, Messages text, Notifier notifier, Map<String, HostSnapshot> up, Answer answer) {
        if (up.size() < 2) {
            notifier.info(text.get("troubleshoot.title"), text.format("troubleshoot.across.too-few", up.size()));
            return;
        }
        List<String> names = List.copyOf(up.keySet());
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(text.get("troubleshoot.title"));
        dialog.setHeaderText(text.get("troubleshoot.header"));
        ComboBox<String> fromHost = combo("troubleshoot-host", names, 0);
        ComboBox<String> guest = combo("troubleshoot-guest", List.of(), 0);
        ComboBox<String> toHost = combo("troubleshoot-other-host", names, 1);
        ComboBox<String> target = combo("troubleshoot-other-guest", List.of(), 0);
        follow(fromHost, guest, up);
        follow(toHost, target, up);
        // OK is off while the choice cannot be asked, and the line under the choices says why
        StringBinding whyNot = Bindings.createStringBinding(() -> {
            if (fromHost.getValue() != null && fromHost.getValue().equals(toHost.getValue())) {
                return text.get("troubleshoot.across.same-host");
            }
            if (guest.getValue() == null) {
                return text.format("troubleshoot.across.no-guests", fromHost.getValue());
            }
            return target.getValue() == null ? text.format("troubleshoot.across.no-guests", toHost.getValue()) : "";
        }, fromHost.valueProperty(), toHost.valueProperty(), guest.valueProperty(), target.valueProperty());
        Label why = new Label();
        why.setId("troubleshoot-why");
        why.setWrapText(true);
        why.setPrefWidth(420);
        why.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped onto lines of its own, never cut
        why.textProperty().bind(whyNot);
        // the dialog grows and shrinks with the reason: sized once, it cut its own buttons off
        why.textProperty().addListener((o, was, now) -> javafx.application.Platform.runLater(() -> {
            if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }
        }));
        VBox content = new VBox(8, new Label(text.get("troubleshoot.guest")), new HBox(8, fromHost, guest),
                new Label(text.get("troubleshoot.reaching") + " " + text.get("troubleshoot.other-host")),
                new HBox(8, toHost, target), why);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(whyNot.isNotEmpty());
        dialog.getDialogPane().setId("troubleshoot-dialog");
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == ButtonType.OK && guest.getValue() != null && target.getValue() != null) {
                answer.troubleshoot(fromHost.getValue(), guest.getValue(), toHost.getValue(), target.getValue());
            }
        });
        dialog.show();
    }

    private static ComboBox<String> combo(String id, List<String> items, int chosen) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(items);
        if (!items.isEmpty()) {
            box.setValue(items.get(Math.min(chosen, items.size() - 1)));
        }
        return box;
    }

    /** The guests offered are the chosen host's. */
    private static void follow(ComboBox<String> host, ComboBox<String> guests, Map<String, HostSnapshot> up) {
        Runnable fill = () -> {
            List<String> names = host.getValue() == null ? List.of()
                    : up.get(host.getValue()).guests().stream().map(Guest::name).sorted().toList();
            guests.getItems().setAll(names);
            guests.setValue(names.isEmpty() ? null : names.get(0));
        };
        host.valueProperty().addListener((o, was, now) -> fill.run());
        fill.run();
    }
}
