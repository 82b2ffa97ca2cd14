package dev.virtwire.host.fleet;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.model.fleet.FleetHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Reads every host of a fleet at once, each on its own thread: the fleet is read in the time of its slowest host,
 * and a host that fails, or does not answer in time, is reported down with its reason while the others are read.
 */
public final class FleetReads {
    private static final System.Logger LOG = System.getLogger(FleetReads.class.getName());

    private final Function<HostAddress, Host> open;
    private final Duration limit;

    /**
     * @param open  opens one host (for the CLI: asks an ssh host or namespace whether it answers first)
     * @param limit how long one host may take to open and read before it counts as down
     */
    public FleetReads(Function<HostAddress, Host> open, Duration limit) {
        this.open = open;
        this.limit = limit;
    }

    /** Every host, read or down, in the order given. */
    public List<FleetHost> read(List<FleetEntry> fleet) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, fleet.size()), r -> {
            Thread t = new Thread(r, "fleet read");
            t.setDaemon(true); // a host that hangs must not keep the command from ending
            return t;
        });
        try {
            List<Future<FleetHost>> reads = new ArrayList<>();
            fleet.forEach(entry -> reads.add(pool.submit(() -> readOne(entry))));
            long deadline = System.nanoTime() + limit.toNanos();
            List<FleetHost> out = new ArrayList<>();
            for (int i = 0; i < fleet.size(); i++) {
                out.add(await(fleet.get(i), reads.get(i), deadline));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private FleetHost readOne(FleetEntry entry) {
        String uri = entry.address().uri();
        try (Host host = open.apply(entry.address())) {
            return new FleetHost.Up(entry.name(), uri, host.snapshot());
        } catch (HostException | IllegalArgumentException | IllegalStateException e) {
            return new FleetHost.Down(entry.name(), uri, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading " + entry.name() + " failed unexpectedly", e);
            return new FleetHost.Down(entry.name(), uri, "could not be read: " + e);
        }
    }

    private FleetHost await(FleetEntry entry, Future<FleetHost> read, long deadline) {
        try {
            return read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            return new FleetHost.Down(entry.name(), entry.address().uri(), "did not answer within "
                    + seconds(limit) + " s (" + entry.address().describe() + ")");
        } catch (ExecutionException e) {
            // the cause's own words, never a class name (a user reads this)
            String why = e.getCause().getMessage() == null ? e.getCause().getClass().getSimpleName()
                    : e.getCause().getMessage();
            return new FleetHost.Down(entry.name(), entry.address().uri(), "could not be read: " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FleetHost.Down(entry.name(), entry.address().uri(), "reading was interrupted");
        }
    }

    /** 90, or 1.5: whole seconds as such, a shorter limit to a tenth. */
    private static String seconds(Duration limit) {
        long ms = limit.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
