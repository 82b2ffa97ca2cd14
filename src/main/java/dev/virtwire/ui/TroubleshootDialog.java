package dev.virtwire.ui;

import dev.virtwire.diagnose.Destination;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Troubleshoot…" from the toolbar or the Edit menu: which guest, reaching what. The guest selected on the
 * canvas (or whose NIC is selected) comes chosen; the answer opens in the findings panel as from a guest's menu.
 */
final class TroubleshootDialog {
    private TroubleshootDialog() {
    }

    static void ask(Window owner, Messages text, HostSnapshot snapshot, Optional<String> selected,
                    BiConsumer<String, Destination> troubleshoot) {
        List<String> guests = snapshot.guests().stream().map(Guest::name).sorted().toList();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(text.get("troubleshoot.title"));
        dialog.setHeaderText(text.get("troubleshoot.header"));
        ComboBox<String> guest = new ComboBox<>();
        guest.setId("troubleshoot-guest");
        guest.getItems().setAll(guests);
        guest.setValue(selected.filter(guests::contains).orElse(guests.isEmpty() ? null : guests.get(0)));
        ToggleGroup where = new ToggleGroup();
        VBox content = new VBox(8, new Label(text.get("troubleshoot.guest")), guest,
                new Label(text.get("troubleshoot.reaching")));
        for (String destination : ContextMenus.DESTINATIONS) {
            RadioButton choice = new RadioButton(text.get("menu.troubleshoot." + destination));
            choice.setId("troubleshoot-to-" + destination);
            choice.setUserData(destination);
            choice.setToggleGroup(where);
            choice.setSelected(destination.equals(ContextMenus.DESTINATIONS.get(0)));
            content.getChildren().add(choice);
        }
        // any address of either family: an IPv6 one is diagnosed with the IPv6 rules
        RadioButton other = new RadioButton(text.get("troubleshoot.address"));
        other.setId("troubleshoot-to-address");
        other.setToggleGroup(where);
        TextField address = new TextField();
        address.setId("troubleshoot-address");
        address.setPromptText("192.168.1.10, 2001:db8::10");
        address.textProperty().addListener((o, was, now) -> other.setSelected(true));
        content.getChildren().addAll(other, address);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(guest.valueProperty().isNull()
                .or(Bindings.createBooleanBinding(() -> other.isSelected() && address(address.getText()).isEmpty(),
                        other.selectedProperty(), address.textProperty())));
        dialog.getDialogPane().setId("troubleshoot-dialog");
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == ButtonType.OK && guest.getValue() != null) {
                troubleshoot.accept(guest.getValue(), other.isSelected() ? address(address.getText()).orElseThrow()
                        : ContextMenus.destination((String) where.getSelectedToggle().getUserData()));
            }
        });
        dialog.show();
    }

    /** An IPv4 or IPv6 address typed as the target; nothing while it is not one. */
    private static Optional<Destination> address(String typed) {
        try {
            Destination d = Destination.parse(typed);
            return d instanceof Destination.Address || d instanceof Destination.Address6 ? Optional.of(d)
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
