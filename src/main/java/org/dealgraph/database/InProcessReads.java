package org.dealgraph.database;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.neo4j.driver.Record;

/**
 * Reads run by the embedded database in this process, without the Bolt round trip through the driver: a third of a
 * look-up's CPU was that loopback (docs/performance.md, "Profile of one request kind, per layer"). Rows come back as
 * the driver's {@link Record}s, so that every mapper reads them as it reads the driver's.
 */
public interface InProcessReads {

    <T> List<T> read(String cypher, Map<String, Object> parameters, Duration timeout, Function<Record, T> mapper);

    /** A row held a value the driver's types cannot carry (a node, a relationship): the statement is read through Bolt. */
    final class Unconvertible extends RuntimeException {
        public Unconvertible(Throwable cause) {
            super(cause);
        }
    }

    /** The statement ran past its time limit, or was terminated. */
    final class TimedOut extends RuntimeException {
        public TimedOut(Throwable cause) {
            super(cause);
        }
    }

    /** The database is stopping or not available. */
    final class Unavailable extends RuntimeException {
        public Unavailable(Throwable cause) {
            super(cause);
        }
    }
}
