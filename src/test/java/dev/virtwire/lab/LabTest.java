package dev.virtwire.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs against the real lab (src/lab/lab): a disposable KVM/libvirt host in
 * network namespaces. The lab is brought up once per test run and torn down at its end;
 * test methods and constructors get it as a {@link Lab} parameter. Needs root. When the
 * lab cannot start, the test fails with the lab's message (it is never skipped).
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
@InTheLabsTurn
@ExtendWith(LabExtension.class)
public @interface LabTest {
}
