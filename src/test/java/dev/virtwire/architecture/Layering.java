package dev.virtwire.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;

/**
 * design.md's layering as ArchUnit rules over a root package, so the same rules run on the product and
 * on a deliberately broken fixture (which must fail them).
 */
final class Layering {
    private Layering() {
    }

    static Map<String, ArchRule> rules(String root) {
        String model = root + ".model..";
        String host = root + ".host..";
        String change = root + ".change..";
        String diagnose = root + ".diagnose..";
        String ui = root + ".ui..";
        String cli = root + ".cli..";
        return Map.of(
                "model is pure", noClasses().that().resideInAPackage(model).should().dependOnClassesThat()
                        .resideInAnyPackage(host, change, diagnose, ui, cli, "javafx..", "org.libvirt..",
                                "com.sun.jna..")
                        .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                        .orShould().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..")
                        .because("the model is immutable records: no I/O, no JavaFX, no processes"),
                "host adapters only know the model", noClasses().that().resideInAPackage(host).should()
                        .dependOnClassesThat().resideInAnyPackage(change, diagnose, ui, cli)
                        .because("adapters under host/* point only at model"),
                "change and diagnose stay headless", noClasses().that().resideInAnyPackage(change, diagnose).should()
                        .dependOnClassesThat().resideInAnyPackage(ui, cli, "javafx.."),
                "only the window uses JavaFX", noClasses().that().resideOutsideOfPackage(ui).should()
                        .dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp.."),
                "nothing imports the window or the CLI", noClasses().that().resideOutsideOfPackages(ui, cli)
                        .and().doNotHaveFullyQualifiedName(root + ".Launcher").should()
                        .dependOnClassesThat().resideInAnyPackage(ui, cli)
                        .because("commands must not need the whole UI, and the UI must not need the CLI"),
                "processes only through CommandRunner", noClasses().that()
                        .resideOutsideOfPackage(root + ".host.exec..").should().dependOnClassesThat()
                        .haveFullyQualifiedName(ProcessBuilder.class.getName())
                        .because("every external command is an argv list with a timeout, never a shell"),
                "the core only calls System.Logger", noClasses().that()
                        .resideInAnyPackage(model, host, change, diagnose).should().dependOnClassesThat()
                        .resideInAPackage(root + ".log..")
                        .because("where the log goes is the launcher's, the CLI's and the window's to say"));
    }
}
