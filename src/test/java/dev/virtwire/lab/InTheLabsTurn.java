package dev.virtwire.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A test class that must never run beside the lab's classes. When the whole suite runs in one JVM (pom.xml,
 * execution {@code with-the-lab}), such classes run one at a time on the lab's thread, in {@link LabTurnOrder},
 * while the other classes run one at a time on a second thread. Every {@link LabTest} is one; so is a class that
 * changes the real kernel in a scratch namespace of its own (tagged "lab" too), and one that reads Virtwire's
 * process-wide log: a command run in process points that log at its own state dir, and the lab's thread runs
 * commands all the time.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.SAME_THREAD)
public @interface InTheLabsTurn {
}
