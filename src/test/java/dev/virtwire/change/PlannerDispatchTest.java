package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.sim.SimulatedHost;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code Planner.dispatch} is an instanceof chain (Java 17 has no exhaustive pattern switch): every permitted
 * {@link Intent} is planned here on the demo host, so an intent added without a branch fails this test instead
 * of failing for a user. Whether the plan is refused does not matter, only that a planner was reached.
 */
class PlannerDispatchTest {

    @Test
    void everyIntentButUndoReachesAPlanner() {
        SimulatedHost demo = SimulatedHost.demo();
        // the records, one level down: Intent permits its families (GuestIntent, ...) and Undo
        List<Class<?>> intents = Arrays.stream(Intent.class.getPermittedSubclasses())
                .flatMap(c -> c.isInterface() ? Arrays.stream(c.getPermittedSubclasses()) : Stream.of(c)).toList();
        assertTrue(intents.size() > 20, intents.toString());
        for (Class<?> type : intents) {
            Intent intent = sample(type);
            try {
                new Planner(demo.snapshot(), demo, SuggestedCommands.local()).plan(intent);
            } catch (ChangeRefused refused) {
                if (type != Intent.Undo.class && refused.getMessage().contains("planned by the history")) {
                    fail(type.getSimpleName() + " fell through to the history's refusal: " + refused.getMessage());
                }
            } catch (IllegalStateException e) {
                fail(type.getSimpleName() + " has no branch in Planner.dispatch: " + e.getMessage());
            }
        }
    }

    @Test
    void undoIsLeftToTheHistory() {
        SimulatedHost demo = SimulatedHost.demo();
        ChangeRefused refused = assertThrows(ChangeRefused.class,
                () -> new Planner(demo.snapshot(), demo, SuggestedCommands.local()).plan(sample(Intent.Undo.class)));
        assertTrue(refused.getMessage().contains("planned by the history"), refused.getMessage());
    }

    @Test
    void samplesFillEveryComponent() {
        LinkIntent.SetLinkMtu mtu = (LinkIntent.SetLinkMtu) sample(LinkIntent.SetLinkMtu.class);
        assertEquals(new LinkIntent.SetLinkMtu("eth0", 1), mtu);
    }

    /** A record of this type with a plain value for each component: enough to reach a planner. */
    private static Intent sample(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(types).map(PlannerDispatchTest::value).toArray();
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return (Intent) constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new AssertionError("cannot build a sample " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a sample " + type.getSimpleName(), e);
        }
    }

    private static Object value(Class<?> type) {
        if (type == String.class) {
            return "eth0";
        } else if (type == Optional.class) {
            return Optional.empty();
        } else if (type == java.util.OptionalInt.class) {
            return java.util.OptionalInt.empty();
        } else if (type == boolean.class) {
            return false;
        } else if (type == int.class) {
            return 1;
        } else if (type == List.class) {
            return List.of();
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new AssertionError("no sample value for a " + type.getName() + ": add one to PlannerDispatchTest");
    }
}
