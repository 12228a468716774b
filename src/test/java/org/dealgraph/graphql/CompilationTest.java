package org.dealgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The warm-up's measure of the JIT: busy while its compilers spent half of the last window or more compiling. */
class CompilationTest {

    private final AtomicLong compilingMillis = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final Compilation compilation = new Compilation(compilingMillis::get, nanos::get, Duration.ofSeconds(2), 0.5);

    private void pass(long millis, long compiling) {
        nanos.addAndGet(millis * 1_000_000);
        compilingMillis.addAndGet(compiling);
    }

    @Test
    void busyUntilAWholeWindowHasPassed() {
        pass(1_999, 0);
        assertTrue(compilation.busy());
        pass(1, 0);
        assertFalse(compilation.busy());
    }

    @Test
    void busyWhileTheCompilersSpendHalfTheWindowOrMore() {
        pass(2_000, 2_600); // two compiler threads, both at work
        assertTrue(compilation.busy());
        pass(2_000, 1_000);
        assertTrue(compilation.busy());
        pass(2_000, 999);
        assertFalse(compilation.busy());
    }

    @Test
    void judgesEachWindowOnItsOwnCompilingNotTheTotal() {
        pass(2_000, 3_000);
        assertTrue(compilation.busy());
        pass(2_000, 100);
        assertFalse(compilation.busy());
        pass(1_000, 900); // within the window: the last whole window's answer stands
        assertFalse(compilation.busy());
        pass(1_000, 900);
        assertTrue(compilation.busy());
    }

    @Test
    void thisJvmCountsItsCompilers() {
        var bean = java.lang.management.ManagementFactory.getCompilationMXBean();
        assertTrue(bean != null && bean.isCompilationTimeMonitoringSupported(), "the warm-up's measure needs the JVM's count");
    }
}
