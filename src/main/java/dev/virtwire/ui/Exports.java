package dev.virtwire.ui;

import dev.virtwire.model.json.TopologyJson;
import dev.virtwire.ui.canvas.GraphCanvas;
import dev.virtwire.ui.canvas.SvgPicture;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/** Saving what a host tab shows: the picture (PNG, SVG) and the topology JSON contract. */
public final class Exports {
    private Exports() {
    }

    /** Snapshots a node (on the FX thread) and writes it as PNG. */
    public static void png(Node node, Path file) throws IOException {
        write(SwingFXUtils.fromFXImage(node.snapshot(transparent(), null), null), file);
    }

    /** Writes the canvas's whole picture (not only what is in view) as PNG, on the FX thread. */
    public static void png(GraphCanvas canvas, Path file) throws IOException {
        write(SwingFXUtils.fromFXImage(canvas.picture(transparent()), null), file);
    }

    private static SnapshotParameters transparent() {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        return params;
    }

    public static void write(BufferedImage image, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /**
     * Asks where to save the current host's picture or topology, saves it and tells how it went. What is saved
     * is taken on the FX thread; the file is written in the background.
     */
    static void save(Window owner, HostTab tab, String extension, Notifier notifier, Messages text) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(Locale.ROOT),
                "*." + extension));
        chooser.setInitialFileName(tab.getText() + "." + extension);
        java.io.File chosen = chooser.showSaveDialog(owner);
        if (chosen == null) {
            return;
        }
        Path file = chosen.toPath();
        try {
            Writing writing = switch (extension) {
                case "png" -> {
                    BufferedImage image = SwingFXUtils.fromFXImage(tab.canvas().picture(transparent()), null);
                    yield () -> write(image, file);
                }
                case "svg" -> {
                    String svg = SvgPicture.of(tab.canvas().diagram(), tab.canvas().spots());
                    yield () -> Files.writeString(file, svg, StandardCharsets.UTF_8);
                }
                default -> {
                    String json = TopologyJson.toText(tab.session().snapshot());
                    yield () -> Files.writeString(file, json, StandardCharsets.UTF_8);
                }
            };
            CompletableFuture.runAsync(() -> {
                try {
                    writing.run();
                    notifier.info(text.format("export.done", file.getFileName()), file.toString());
                } catch (IOException | RuntimeException e) {
                    notifier.error(text.format("export.failed", file.getFileName()), e);
                }
            });
        } catch (RuntimeException e) {
            notifier.error(text.format("export.failed", file.getFileName()), e);
        }
    }

    /** Writes a file already taken from the window. */
    @FunctionalInterface
    private interface Writing {
        void run() throws IOException;
    }
}
