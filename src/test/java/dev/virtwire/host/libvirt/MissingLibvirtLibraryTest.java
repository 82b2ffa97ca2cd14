package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.Launcher;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without libvirt.so.0 (hidden from JNA in a child JVM), the demo host still opens, and a libvirt URI says
 * which package to install.
 */
class MissingLibvirtLibraryTest {

    @Test
    void theDemoWorksAndALibvirtUriNamesThePackage() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = new CommandRunner(new Target.Local()).output(List.of(java, "-Djna.platform.library.path=/nonexistent",
                "-Djna.library.path=/nonexistent", "-cp", System.getProperty("java.class.path"),
                WithoutLibvirtLibrary.class.getName()));
        List<String> lines = out.lines().toList();
        assertEquals("kvm-demo", lines.get(0), out);
        assertTrue(lines.get(1).startsWith("libvirt's client library (libvirt.so.0) could not be loaded: install it "
                + "with 'apt install libvirt0'"), out);
        assertTrue(lines.get(1).length() < 400, "no class path in the message: " + lines.get(1));
    }

    /** The launcher loads libvirt on a background thread as it starts: that failing must not change the message. */
    @Test
    void theCommandLineNamesThePackageToo() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        CommandResult run = new CommandRunner(new Target.Local()).run(List.of(java,
                "-Djna.platform.library.path=/nonexistent", "-Djna.library.path=/nonexistent",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "topology", "--connect", "test:///default"));
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("virtwire: libvirt's client library (libvirt.so.0) could not be loaded: "
                + "install it with 'apt install libvirt0'"), run.stderr());
        assertTrue(run.stderr().strip().endsWith("(Unable to load library 'virt':)"), "the loader's own words, not "
                + "a Java exception's: " + run.stderr());
    }
}
