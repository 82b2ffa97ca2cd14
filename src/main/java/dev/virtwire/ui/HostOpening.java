package dev.virtwire.ui;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.LibvirtUri;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.control.Tab;
import javafx.scene.control.TextInputDialog;

/**
 * How the window opens and refreshes hosts: off the FX thread, with the opening shown (and cancellable) in
 * the status bar, and a host that cannot be opened told as a notification.
 */
final class HostOpening {
    private static final ExecutorService HOSTS = Executors.newCachedThreadPool(DaemonThreads.named("virtwire-host"));

    private final MainWindow window;
    private final Settings settings;
    private final Path stateDir;
    private Consumer<Throwable> failed = e -> { };

    HostOpening(MainWindow window, Settings settings, Path stateDir) {
        this.window = window;
        this.settings = settings;
        this.stateDir = stateDir;
    }

    /** Told when a host could not be opened (after the user was notified). */
    void onFailed(Consumer<Throwable> listener) {
        failed = listener;
    }

    /** File › Open URI…: the most recent one comes filled in. */
    void askForUri() {
        Messages text = window.text();
        TextInputDialog dialog = new TextInputDialog(settings.recent().stream().findFirst()
                .orElse(HostAddress.LOCAL_URI));
        dialog.initOwner(window.stage());
        dialog.setTitle(text.get("open.uri.title"));
        dialog.setHeaderText(text.get("open.uri.header"));
        dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty()).ifPresent(uri -> {
            try {
                window.openUri(LibvirtUri.checked(uri));
            } catch (IllegalArgumentException e) {
                window.notifier().error(text.get("open.uri.title"), e.getMessage());
            }
        });
    }

    /** Opens a host in a new tab (or shows its tab if it is open already); reading happens in the background. */
    void open(HostAddress address) {
        for (Tab tab : window.tabs().getTabs()) {
            if (tab instanceof HostTab h && h.session().address().equals(address)) {
                window.tabs().getSelectionModel().select(tab);
                return;
            }
        }
        Task<HostSession> task = new Task<>() {
            @Override
            protected HostSession call() {
                Host host = Hosts.openToWatch(address, stateDir);
                if (isCancelled()) {
                    host.close();
                    return null;
                }
                return new HostSession(address, host, stateDir);
            }
        };
        Messages text = window.text();
        Runnable waited = window.status().opening(text.where(address), () -> task.cancel(false));
        Runnable done = () -> {
            waited.run();
            window.followHistory();
        };
        task.setOnSucceeded(e -> {
            done.run();
            settings.addRecent(address.uri());
            window.addTab(task.getValue());
        });
        task.setOnCancelled(e -> {
            done.run();
            window.updateStatus();
        });
        task.setOnFailed(e -> {
            done.run();
            window.updateStatus();
            window.notifier().error(text.format("open.failed", text.where(address)), task.getException());
            window.restFocus();
            failed.accept(task.getException());
        });
        HOSTS.execute(task);
    }

    /** Reads the tab's host again now, off the FX thread. */
    void refresh(HostTab tab) {
        String title = tab.getText(); // read here: the tab is the FX thread's, the failure is told from the worker
        HostSession session = tab.session();
        HOSTS.execute(() -> {
            try {
                session.refresh();
            } catch (RuntimeException e) {
                window.notifier().error(title, e);
            }
        });
    }
}
