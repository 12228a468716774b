package org.dealgraph.graphql;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether the JIT is still compiling much, as the JVM counts its compilers' time ({@code CompilationMXBean}): busy
 * while they spent at least {@code share} of the last window compiling. The warm-up asks until it is not, because a
 * service that reports ready while the JIT is still at work serves its first users at a fraction of its speed
 * (measured on two cores: the compilers are busy for a minute and more after the first request).
 */
final class Compilation {

    private final LongSupplier compilingMillis;
    private final LongSupplier nanos;
    private final long window;
    private final double share;
    private long windowStart;
    private long compilingAtStart;
    private boolean busy;

    /** Busy from the start, until a whole window has passed with the compilers below {@code share} of it. */
    Compilation(LongSupplier compilingMillis, LongSupplier nanos, Duration window, double share) {
        this(compilingMillis, nanos, window, share, true);
    }

    private Compilation(LongSupplier compilingMillis, LongSupplier nanos, Duration window, double share, boolean counted) {
        this.compilingMillis = compilingMillis;
        this.nanos = nanos;
        this.window = window.toNanos();
        this.share = share;
        this.windowStart = nanos.getAsLong();
        this.compilingAtStart = compilingMillis.getAsLong();
        this.busy = counted;
    }

    /**
     * This JVM's compilers over windows of two seconds; never busy where the JVM does not count their time. Measured on
     * two cores, they spend 1.0–1.7 s per second compiling while a request's code is still being compiled, under 0.5
     * once it is.
     */
    static Compilation ofThisJvm(double share) {
        var bean = ManagementFactory.getCompilationMXBean();
        if (bean == null || !bean.isCompilationTimeMonitoringSupported()) {
            return new Compilation(() -> 0, System::nanoTime, Duration.ofDays(365), share, false);
        }
        return new Compilation(bean::getTotalCompilationTime, System::nanoTime, Duration.ofSeconds(2), share);
    }

    /** Whether the compilers were busy over the last whole window. */
    synchronized boolean busy() {
        long now = nanos.getAsLong();
        if (now - windowStart >= window) {
            long compiling = compilingMillis.getAsLong();
            busy = (compiling - compilingAtStart) * 1_000_000.0 >= share * (now - windowStart);
            windowStart = now;
            compilingAtStart = compiling;
        }
        return busy;
    }
}
