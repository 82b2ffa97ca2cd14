package dev.virtwire.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link LabTest} class that reboots the lab host or brings the lab up in another shape ({@code --netconf},
 * {@code --firewall}, {@code --hosts}, {@code --uplink}): {@link LabTurnOrder} runs it after the classes that take
 * the lab as it is. A lab that went through reboots without a fresh start since has been seen to leave a guest
 * without IPv6 to the LAN host for over a minute (README, the lab's test classes). Such a class brings the lab up
 * in its whole shape before its tests ({@link Lab#useFirewall}, {@link Lab#useNetconf}, or {@code lab up} with
 * {@code --firewall}) and leaves it so: {@link LabExtension} hands it the running lab without a {@code lab up} of
 * its own, and gives the default shape back to the classes that need it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RebuildsTheLab {
}
