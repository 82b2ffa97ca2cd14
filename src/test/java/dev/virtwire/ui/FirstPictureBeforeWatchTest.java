package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostChange;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A host tab draws its first picture from the first read while its live updates are still starting (here a watch
 * that does not come up until the test lets it), and a change made between that read and the moment the watch
 * listens is still shown: the tab reads the host again once it watches.
 */
@ExtendWith(ApplicationExtension.class)
class FirstPictureBeforeWatchTest {
    /** vnet0 (web1's tap on the demo host) is up there. */
    private static final String TAP = "vnet0";
    private TestWindow window;

    @Start
    void start(Stage stage) {
        window = new TestWindow(stage, Optional.empty());
    }

    @AfterEach
    void forget() {
        window.forget();
    }

    @Test
    void theFirstPictureComesBeforeTheWatchAndAChangeMeanwhileIsSeen(FxRobot robot) throws Exception {
        SimulatedHost demo = SimulatedHost.demo();
        assertTrue(demo.snapshot().link(TAP).orElseThrow().adminUp(), "the demo's tap starts up");
        SlowWatch slow = new SlowWatch(demo);
        HostSession session = CompletableFuture.supplyAsync(() -> new HostSession(HostAddress.demo(), slow.host(),
                window.stateDir())).get(30, TimeUnit.SECONDS);
        robot.interact(() -> window.window.addTab(session));
        HostTab tab = window.awaitDrawn(30);

        assertTrue(slow.asked.await(10, TimeUnit.SECONDS), "the tab starts watching its host");
        assertFalse(slow.up(), "the picture was drawn while the watch was still starting");
        assertTrue(tab.drawnProperty().get());

        // behind the window's back, before the watch listens: no live update will tell it
        demo.kernel().setLinkUp(TAP, false);
        slow.letItStart();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !tapUp(session.snapshot()));

        // and once it listens, live updates keep coming as before
        demo.kernel().setLinkUp(TAP, true);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> tapUp(session.snapshot()));
        assertEquals(1, slow.watches, "watched once");
    }

    private static boolean tapUp(HostSnapshot s) {
        return s.link(TAP).orElseThrow().adminUp();
    }

    /** The host whose {@code watch} does not return until {@link #letItStart()}, as an ip monitor over ssh lags. */
    private static final class SlowWatch {
        private final SimulatedHost real;
        final CountDownLatch asked = new CountDownLatch(1);
        private final CountDownLatch go = new CountDownLatch(1);
        private volatile boolean up;
        volatile int watches;

        SlowWatch(SimulatedHost real) {
            this.real = real;
        }

        boolean up() {
            return up;
        }

        void letItStart() {
            go.countDown();
        }

        @SuppressWarnings("unchecked")
        Host host() {
            return (Host) Proxy.newProxyInstance(Host.class.getClassLoader(), new Class<?>[] {Host.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("watch")) {
                            watches++;
                            asked.countDown();
                            if (!go.await(30, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("the test never let the watch start");
                            }
                            AutoCloseable handle = real.watch((Consumer<HostChange>) args[0]);
                            up = true;
                            return handle;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
