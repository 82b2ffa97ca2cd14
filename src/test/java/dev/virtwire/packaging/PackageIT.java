package dev.virtwire.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The .deb as users get it (built by -Pdist/-Pfull in target/dist): installed with apt into two throwaway roots
 * by src/test/packaging/install-test (never into the machine's own /), run there, upgraded, purged; checked
 * with lintian, appstreamcli and desktop-file-validate; and the .rpm built from the same tree, inspected.
 */
@Tag("package")
class PackageIT {
    private static final Path DIST = Path.of("target/dist");
    private static final Path RECORDED = Path.of("target/package-test");
    /** lintian's warnings the README lists with the reason each stays; any other warning fails. */
    private static final Set<String> EXPLAINED_WARNINGS = Set.of("hardening-no-relro", "jar-not-in-usr-share");
    /** The two jars that jar-not-in-usr-share may name (the README says why each stays in /usr/lib). */
    private static final String JARS_IN_USR_LIB = "usr/lib/virtwire/(runtime/lib/jrt-fs|lib/javafx-graphics-.*)\\.jar";

    private static Path deb;
    /** lintian reads the .deb for a minute: it does so while the roots are installed. */
    private static CompletableFuture<Processes.Result> lintian;

    @BeforeAll
    static void installInThrowawayRoots() throws Exception {
        deb = only("virtwire_*_amd64.deb");
        lintian = CompletableFuture.supplyAsync(() -> {
            try {
                return Processes.run(Map.of(), 5, "lintian", "--no-cfg", deb.toString());
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        Processes.Result installed = Processes.run(Map.of(), 15, "bash", "src/test/packaging/install-test",
                deb.toString(), RECORDED.toString());
        assertEquals(0, installed.exitCode(), "installing in a throwaway root failed:\n" + installed.shown());
    }

    @Test
    void installsWithAptAndRunsFromThePath() throws Exception {
        for (String root : List.of("desktop", "headless")) {
            assertTrue(read(root, "status-installed.txt").startsWith("install ok installed"), root);
            assertTrue(read(root, "version.log").startsWith("virtwire "), read(root, "version.log"));
            JsonNode topology = new ObjectMapper().readTree(read(root, "topology.json"));
            assertEquals("demo:///", topology.path("host").path("uri").asText(), root);
            assertTrue(topology.path("guests").size() > 0, root + ": no guests in the demo topology");
        }
    }

    /** libvirt through JNA, whose native library the launcher loads from the package and forbids to unpack. */
    @Test
    void readsALibvirtHostThroughJna() throws Exception {
        String log = read("desktop", "libvirt.log");
        assertTrue(log.contains("\"uri\" : \"test:///default\""), log);
    }

    /** The launcher in /usr/bin is the tuned one: the JVM maps the package's class-data archive (-Xshare:on). */
    @Test
    void theInstalledCommandLineStartsFromTheClassDataArchive() throws Exception {
        assertTrue(read("desktop", "archive.log").contains("\"uri\" : \"demo:///\""), read("desktop", "archive.log"));
    }

    @Test
    void theWindowOpensFromTheInstalledLauncher() throws IOException {
        BufferedImage shot = ImageIO.read(RECORDED.resolve("desktop/window.png").toFile());
        assertTrue(shot.getWidth() >= 800 && shot.getHeight() >= 600, shot.getWidth() + "x" + shot.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < shot.getHeight(); y += 4) {
            for (int x = 0; x < shot.getWidth(); x += 4) {
                colours.add(shot.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "the screenshot is nearly blank: " + colours.size() + " colours");
        assertEquals("", read("desktop", "screenshot.log"), "a normal window start prints nothing");
    }

    /** JavaFX and JNA load their native libraries from the package: nothing unpacked into the user's home. */
    @Test
    void nothingIsUnpackedIntoTheUsersHome() throws IOException {
        for (String root : List.of("desktop", "headless")) {
            String home = read(root, "home-after.txt");
            assertFalse(home.contains(".openjfx") || home.contains("JNA"), root + ": " + home);
        }
    }

    @Test
    void anUpgradeReplacesTheInstalledPackage() throws IOException {
        assertTrue(read("headless", "status-upgraded.txt").matches("install ok installed .*\\+upgrade1\\s*"),
                read("headless", "status-upgraded.txt"));
        assertTrue(read("headless", "version-upgraded.log").startsWith("virtwire "));
    }

    @Test
    void purgeLeavesNothingBehind() throws IOException {
        for (String root : List.of("desktop", "headless")) {
            Set<String> before = new TreeSet<>(Files.readAllLines(RECORDED.resolve(root + "/files-before.txt")));
            Set<String> after = new TreeSet<>(Files.readAllLines(RECORDED.resolve(root + "/files-after.txt")));
            assertEquals(Set.of(), difference(after, before), root + ": left behind after purge");
            assertEquals(Set.of(), difference(before, after), root + ": gone after purge");
            assertTrue(read(root, "status-purged.txt").contains("no packages found"), read(root, "status-purged.txt"));
            assertEquals("", read(root, "audit.txt").strip(), root + ": dpkg --audit");
        }
    }

    @Test
    void filesLandWhereTheSystemLooksForThem() throws IOException {
        List<String> files = Files.readAllLines(RECORDED.resolve("desktop/package-files.txt"));
        for (String expected : List.of("/usr/bin/virtwire", "/usr/lib/virtwire/bin/virtwire",
                "/usr/lib/virtwire/virtwire.jsa", "/usr/lib/virtwire/runtime/bin/java",
                "/usr/lib/virtwire/lib/libglass.so", "/usr/lib/virtwire/lib/libjnidispatch.so",
                "/usr/share/virtwire/virtwire.jar", "/usr/share/applications/virtwire.desktop",
                "/usr/share/icons/hicolor/scalable/apps/virtwire.svg", "/usr/share/icons/hicolor/48x48/apps/virtwire.png",
                "/usr/share/metainfo/dev.virtwire.Virtwire.metainfo.xml", "/usr/share/man/man1/virtwire.1.gz",
                "/usr/share/bash-completion/completions/virtwire", "/usr/share/zsh/vendor-completions/_virtwire",
                "/usr/share/doc/virtwire/copyright", "/usr/share/doc/virtwire/changelog.Debian.gz")) {
            assertTrue(files.contains(expected), expected + " is not in the package");
        }
        assertFalse(files.stream().anyMatch(f -> f.startsWith("/opt")), "files under /opt");
    }

    /** Only what the command line needs is a dependency: GTK and OpenGL (the window) are recommended. */
    @Test
    void aHeadlessHostDoesNotNeedTheWindowsLibraries() throws Exception {
        Processes.Result control = Processes.run("dpkg-deb", "-f", deb.toString(), "Depends", "Recommends",
                "Suggests", "Maintainer", "Homepage");
        assertEquals(0, control.exitCode(), control.shown());
        String depends = field(control.stdout(), "Depends");
        String recommends = field(control.stdout(), "Recommends");
        assertTrue(depends.contains("libvirt0") && depends.contains("libc6"), depends);
        for (String windowOnly : List.of("libgtk-3-0", "libgl1", "libxxf86vm1", "libx11-6")) {
            assertFalse(depends.contains(windowOnly), windowOnly + " in Depends: " + depends);
            assertTrue(recommends.contains(windowOnly), windowOnly + " not in Recommends: " + recommends);
        }
        for (String tool : List.of("iproute2", "libvirt-clients", "openssh-client", "tcpdump", "nftables | iptables")) {
            assertTrue(recommends.contains(tool), tool + " not in Recommends: " + recommends);
        }
        assertTrue(field(control.stdout(), "Suggests").contains("libvirt-daemon-system"), control.stdout());
        assertFalse(control.stdout().contains("localhost"), control.stdout());
    }

    @Test
    void lintianFindsNoErrorAndOnlyTheWarningsTheReadmeExplains() throws Exception {
        Processes.requireTool("lintian");
        Processes.Result lintian = PackageIT.lintian.join();
        List<String> tags = lintian.stdout().lines().filter(l -> l.matches("[EW]: .*")).toList();
        assertEquals(List.of(), tags.stream().filter(t -> t.startsWith("E:")).toList(), lintian.shown());
        Set<String> unexplained = tags.stream().map(t -> t.split(" ")[2]).filter(t -> !EXPLAINED_WARNINGS.contains(t))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unexplained, "new lintian warnings: fix them or explain them in the README\n"
                + lintian.shown());
        Set<String> jars = tags.stream().filter(t -> t.contains(" jar-not-in-usr-share "))
                .map(t -> t.substring(t.indexOf('[') + 1, t.indexOf(']'))).collect(Collectors.toSet());
        assertTrue(jars.stream().allMatch(j -> j.matches(JARS_IN_USR_LIB)), "jars outside /usr/share: " + jars);
    }

    @Test
    void desktopEntryAndAppStreamMetadataValidate() throws Exception {
        Processes.requireTool("appstreamcli");
        Processes.requireTool("desktop-file-validate");
        Path share = DIST.resolve("root/usr/share");
        Processes.Result appstream = Processes.run("appstreamcli", "validate", "--no-net",
                share.resolve("metainfo/dev.virtwire.Virtwire.metainfo.xml").toString());
        assertEquals(0, appstream.exitCode(), appstream.shown());
        Processes.Result desktop = Processes.run("desktop-file-validate",
                share.resolve("applications/virtwire.desktop").toString());
        assertEquals(0, desktop.exitCode(), desktop.shown());
        assertEquals("", desktop.stdout().strip(), desktop.shown());
        String entry = Files.readString(share.resolve("applications/virtwire.desktop"));
        assertTrue(entry.contains("\nCategories=System;\n") && entry.contains("\nExec=virtwire\n")
                && entry.contains("\nIcon=virtwire\n"), entry);
    }

    /** rpmbuild packs the same staged tree (install-test-packages installs it, so the .rpm must be there). */
    @Test
    void theRpmHoldsTheSameProgram() throws Exception {
        Processes.requireTool("rpm");
        Path rpm = only("virtwire-*.x86_64.rpm");
        Processes.Result info = Processes.run("rpm", "-qlpi", rpm.toString());
        assertEquals(0, info.exitCode(), info.shown());
        for (String expected : List.of("Name        : virtwire", "/usr/bin/virtwire", "/usr/lib/virtwire/virtwire.jsa",
                "/usr/share/applications/virtwire.desktop", "/usr/share/man/man1/virtwire.1.gz")) {
            assertTrue(info.stdout().contains(expected), expected + " not in rpm -qlpi:\n" + info.stdout());
        }
        Processes.Result requires = Processes.run("rpm", "-qpR", rpm.toString());
        assertTrue(requires.stdout().contains("libvirt-libs") && !requires.stdout().contains("gtk3"),
                requires.shown());
    }

    private static Path only(String glob) throws IOException {
        assertTrue(Files.isDirectory(DIST), DIST + " is missing: the packages are built by mvn -Pdist package "
                + "(or -Pfull)");
        try (Stream<Path> found = Files.list(DIST)) {
            List<Path> matches = found.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob)
                    .matches(p.getFileName())).toList();
            assertEquals(1, matches.size(), "expected one " + glob + " in " + DIST + ": " + matches);
            return matches.get(0).toAbsolutePath();
        }
    }

    private static String read(String root, String file) throws IOException {
        return Files.readString(RECORDED.resolve(root).resolve(file));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static String field(String control, String name) {
        return control.lines().filter(l -> l.startsWith(name + ": ")).map(l -> l.substring(name.length() + 2))
                .findFirst().orElse("");
    }
}
