package dev.virtwire.change;

import dev.virtwire.host.HostReader;
import dev.virtwire.model.ConfigFile;
import java.util.Optional;

/**
 * A manager's saved files as a plan reads them, fresh from the host: one the saved configuration names must still be
 * there; one Virtwire is about to write must not be (it overwrites no file it did not plan).
 */
final class SavedFiles {
    private SavedFiles() {
    }

    static ConfigFile existing(HostReader host, String path) {
        return host.savedFile(path).orElseThrow(() -> new ChangeRefused(path + " is not there any more: read the "
                + "host again"));
    }

    static void absent(HostReader host, String path) {
        absent(host.savedFile(path));
    }

    /** @param found the file as read where Virtwire is about to write it */
    static void absent(Optional<ConfigFile> found) {
        found.ifPresent(f -> {
            throw new ChangeRefused(f.path() + " exists already: Virtwire does not overwrite a file it did not plan; "
                    + "remove or rename it first");
        });
    }
}
