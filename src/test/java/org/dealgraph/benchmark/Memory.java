package org.dealgraph.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Heap and resident memory of this JVM (the service's, with the embedded Neo4j): now, or the peak over a while. */
final class Memory {

    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakResident = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private Memory() {
        sampler = new Thread(() -> {
            while (running) {
                peakHeap.accumulateAndGet(heapUsed(), Math::max);
                peakResident.accumulateAndGet(resident(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Samples every 100 ms until {@link #stop()}. */
    static Memory sample() {
        return new Memory();
    }

    /** The peaks sampled. */
    String stop() throws InterruptedException {
        running = false;
        sampler.join();
        return format(peakHeap.get(), peakResident.get());
    }

    static String now() {
        return format(heapUsed(), resident());
    }

    private static String format(long heap, long resident) {
        return String.format("heap used %,d MB (of %,d MB max), resident %,d MB", heap >> 20, Runtime.getRuntime().maxMemory() >> 20, resident >> 20);
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
