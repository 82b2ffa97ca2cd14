package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.lab.InTheLabsTurn;
import dev.virtwire.log.Log;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help › About names the log file, in both languages. */
@InTheLabsTurn // reads the process-wide log
class AboutDialogTest {
    @TempDir
    Path state;

    @Test
    void aboutNamesTheLogFile() {
        try (Log.Restore log = Log.useStateDir(state)) {
            String english = AboutDialog.details(new Messages(Locale.ENGLISH));
            String chinese = AboutDialog.details(new Messages(Messages.CHINESE));
            String path = state.resolve("log/virtwire.log").toString();
            assertTrue(english.startsWith("Log file: " + path + "\nJava "), english);
            assertTrue(chinese.startsWith("日志文件：" + path), chinese);
        }
    }
}
