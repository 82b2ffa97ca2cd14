package dev.virtwire.ui;

import dev.virtwire.log.Log;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Help › About: the version, the Java it runs on, and where the log is, which a bug report needs. */
final class AboutDialog {
    private AboutDialog() {
    }

    static void show(Window owner, Messages text) {
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        about.initOwner(owner);
        about.setTitle(text.get("about.title"));
        about.setHeaderText("Virtwire " + version());
        // a text area, so that the log's path can be selected and copied
        TextArea details = new TextArea(details(text));
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(3);
        details.setId("about-details");
        about.getDialogPane().setContent(details);
        about.show();
    }

    static String details(Messages text) {
        return text.format("about.log", Log.file().map(Path::toString).orElse(text.get("about.no-log"))) + "\n"
                + text.format("about.java", System.getProperty("java.version"), System.getProperty("java.vendor"));
    }

    /** The version Maven wrote into the jar's manifest ("dev" when run from classes). */
    static String version() {
        String version = AboutDialog.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
