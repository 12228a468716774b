package org.dealgraph.load;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.dealgraph.api.LargeLoadCommitted;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * After a load of many facts the heap is full of what its check pass and transaction allocated (and, on the embedded
 * server, the transaction's state): left to the collector, it is paid for by the reads of the next half-minute (58 % of
 * the service's CPU in GC and JIT, issue 34). A load of at least {@code dealgraph.load.collect-after-facts} facts
 * (0: never) therefore asks for one collection as soon as it has committed, off the request thread — one pause now
 * instead of a slow half-minute — and then says so ({@link LargeLoadCommitted}), so that the common questions are asked
 * again (graphql/WarmUp) and Neo4j replans them on the new statistics before users do.
 */
@ApplicationScoped
class HeapAfterLoad {

    private static final Logger LOG = Logger.getLogger(HeapAfterLoad.class);

    private final int threshold;
    private final Event<LargeLoadCommitted> committed;
    private final AtomicBoolean running = new AtomicBoolean();

    HeapAfterLoad(@ConfigProperty(name = "dealgraph.load.collect-after-facts", defaultValue = "20000") int threshold,
            Event<LargeLoadCommitted> committed) {
        this.threshold = threshold;
        this.committed = committed;
    }

    void loaded(LoadReport report) {
        int facts = report.added() + report.changed() + report.unchanged();
        if (threshold <= 0 || facts < threshold || !running.compareAndSet(false, true)) {
            return;
        }
        var collector = new Thread(() -> {
            try {
                long started = System.nanoTime();
                System.gc();
                LOG.debugf("heap collected after a load of %d facts in %d ms", facts, (System.nanoTime() - started) / 1_000_000);
                committed.fire(new LargeLoadCommitted(facts));
            } finally {
                running.set(false);
            }
        }, "dealgraph-heap-after-load");
        collector.setDaemon(true);
        collector.start();
    }
}
