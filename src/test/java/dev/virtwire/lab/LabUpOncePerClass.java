package dev.virtwire.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link LabTest} class whose every test leaves the lab as it found it (it heals the faults it injected and
 * undoes the fixes that outlive a heal, in {@code @AfterEach} or {@code finally}): {@code lab up} runs before the
 * class's first test only, not before each of them. A no-op {@code lab up} costs 8 to 10 s on a loaded CI
 * machine (about a hundred forks: virsh, ip, nsenter); a class of 23 tests paid it 23 times. After a failed test
 * the next one gets the full {@code lab up} again, so one failure does not spread through the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LabUpOncePerClass {
}
