package org.dealgraph.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import org.neo4j.driver.Driver;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Memory of this JVM (the service's, with the embedded Neo4j) while something runs: the heap in use as sampled (garbage
 * included), the heap left after each garbage collection (what the work holds live, at most), the resident size, and
 * Neo4j's own estimate of the memory the loads' transactions hold (their transaction state), read from
 * {@code SHOW TRANSACTIONS} every 100 ms. What a load holds beyond Neo4j's part is its own data: parsed entries,
 * batches, parameters.
 */
final class Memory {

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(p -> p.getName()).collect(Collectors.toSet());

    /** What was sampled, in bytes; {@code baseLive} is the heap left by a full GC before the work began. */
    record Peaks(long heapUsed, long liveAfterGc, long baseLive, long resident, long transactionHeap, long transactionOffHeap) {
        long mb(long bytes) {
            return bytes >> 20;
        }

        /** The live heap the work added, less what Neo4j says its transactions hold: our side of the load. */
        long ownLive() {
            return Math.max(0, liveAfterGc - baseLive - transactionHeap);
        }

        /** What a timed run samples: the heap in use, garbage included, and the resident size. */
        String timed() {
            return String.format("peak heap used %,d MB (of %,d MB max), peak resident %,d MB", mb(heapUsed),
                    Runtime.getRuntime().maxMemory() >> 20, mb(resident));
        }

        @Override
        public String toString() {
            return String.format("live heap %,d MB at most (%,d MB before the load: %,d MB added), of it Neo4j's transaction %,d MB "
                    + "(+ %,d MB off heap); the load's own %,d MB; resident %,d MB", mb(liveAfterGc), mb(baseLive), mb(liveAfterGc - baseLive),
                    mb(transactionHeap), mb(transactionOffHeap), mb(ownLive()), mb(resident));
        }
    }

    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicLong peakResident = new AtomicLong();
    private final AtomicLong peakTxHeap = new AtomicLong();
    private final AtomicLong peakTxDirect = new AtomicLong();
    private final long baseLive;
    private final Thread sampler;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private volatile boolean running = true;

    private Memory(Driver driver, boolean collect) {
        System.gc();
        baseLive = heapUsed();
        peakLive.set(baseLive);
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> HEAP_POOLS.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                peakLive.accumulateAndGet(after, Math::max);
            }
        };
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            var emitter = (NotificationEmitter) gc;
            emitter.addNotificationListener(listener, null, null);
            unsubscribe.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (Exception e) {
                    // gone already
                }
            });
        }
        sampler = new Thread(() -> {
            while (running) {
                peakHeap.accumulateAndGet(heapUsed(), Math::max);
                peakResident.accumulateAndGet(resident(), Math::max);
                if (collect) {
                    // A full collection leaves only what is live: the heap the work really holds, garbage aside.
                    System.gc();
                    peakLive.accumulateAndGet(heapUsed(), Math::max);
                }
                if (driver != null) {
                    transactions(driver);
                }
                try {
                    Thread.sleep(collect ? 1000 : 100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The loads' transactions (the service's, marked with the file they load, and the hand-written one) as Neo4j tracks them. */
    private void transactions(Driver driver) {
        try (var session = driver.session()) {
            var r = session.run("""
                    SHOW TRANSACTIONS YIELD metaData, estimatedUsedHeapMemory, allocatedDirectBytes
                    WHERE metaData.load IS NOT NULL OR metaData.benchmark = 'hand-written load'
                    RETURN coalesce(sum(estimatedUsedHeapMemory), 0) AS heap, coalesce(sum(allocatedDirectBytes), 0) AS direct""").single();
            peakTxHeap.accumulateAndGet(r.get("heap").asLong(), Math::max);
            peakTxDirect.accumulateAndGet(r.get("direct").asLong(), Math::max);
        } catch (RuntimeException e) {
            // A sample missed; the next one counts.
        }
    }

    /** Samples heap and resident memory every 100 ms until {@link #stop()}: cheap enough for a timed run. */
    static Memory sample() {
        return new Memory(null, false);
    }

    /**
     * Samples every second, after a full GC, with Neo4j's estimate of the loads' transactions: for an untimed run, as
     * both perturb what they measure (SHOW TRANSACTIONS walks every lock a load holds).
     */
    static Memory measure(Driver driver) {
        return new Memory(driver, true);
    }

    /** The peaks sampled. */
    Peaks stop() throws InterruptedException {
        running = false;
        sampler.join();
        unsubscribe.forEach(Runnable::run);
        return new Peaks(peakHeap.get(), peakLive.get(), baseLive, peakResident.get(), peakTxHeap.get(), peakTxDirect.get());
    }

    static String now() {
        return String.format("heap used %,d MB (of %,d MB max), resident %,d MB", heapUsed() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                resident() >> 20);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long resident() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) << 10).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }
}
