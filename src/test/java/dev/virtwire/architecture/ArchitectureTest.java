package dev.virtwire.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The product obeys design.md's layering; a deliberately broken fixture proves each rule can fail. */
class ArchitectureTest {
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.virtwire");
    private static final JavaClasses BROKEN = new ClassFileImporter()
            .importPackages("dev.virtwire.architecture.broken");

    @TestFactory
    Stream<DynamicTest> theProductKeepsEveryLayeringRule() {
        assertFalse(PRODUCT.isEmpty());
        return Layering.rules("dev.virtwire").entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> rule.getValue().check(PRODUCT)));
    }

    @Test
    void eachRuleFailsOnTheBrokenFixture() {
        Map<String, ArchRule> rules = Layering.rules("dev.virtwire.architecture.broken");
        assertTrue(rules.size() >= 6);
        for (Map.Entry<String, ArchRule> rule : rules.entrySet()) {
            AssertionError failure = assertThrows(AssertionError.class, () -> rule.getValue().check(BROKEN),
                    "rule '" + rule.getKey() + "' did not notice its violation");
            assertTrue(failure.getMessage().contains("dev.virtwire.architecture.broken"), failure.getMessage());
        }
    }
}
