package org.dealgraph.database;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.ClientException;

/**
 * A lock in the graph for work that one replica of several must do alone at startup (migrations, the seed): a
 * {@code _Lease} node per name, held by one process until it releases it or the lease runs out (a replica killed
 * while holding it blocks the others for one lease at most). Taking it writes the node first, so the database's
 * own write lock orders two replicas trying at the same moment; the second then reads the first's holder.
 */
@ApplicationScoped
public class GraphLease {

    private static final Logger LOG = Logger.getLogger(GraphLease.class);

    private static final String CONSTRAINT = """
            CREATE CONSTRAINT lease_name IF NOT EXISTS FOR (l:_Lease) REQUIRE l.name IS UNIQUE""";

    private static final String TAKE = """
            MERGE (l:_Lease {name: $name})
            SET l.tried = datetime()
            WITH l
            WHERE l.holder IS NULL OR l.holder = $holder OR l.expires < datetime()
            SET l.holder = $holder, l.since = datetime(), l.expires = datetime() + duration({milliseconds: $leaseMillis})
            RETURN l.holder AS holder""";

    private static final String HOLDER = """
            MATCH (l:_Lease {name: $name})
            RETURN l.holder AS holder, toString(l.since) AS since, toString(l.expires) AS expires""";

    private static final String RELEASE = """
            MATCH (l:_Lease {name: $name, holder: $holder})
            SET l.holder = null, l.expires = null, l.released = datetime()""";

    /** This process, as other replicas will read it in a timeout message. */
    private final String holder = describeProcess();
    private final GraphSessions sessions;

    GraphLease(GraphSessions sessions) {
        this.sessions = sessions;
    }

    /** A held lease; closing it releases it. */
    public final class Held implements AutoCloseable {
        private final String name;

        private Held(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            try (var session = sessions.write()) {
                session.executeWrite(tx -> tx.run(RELEASE, Map.of("name", name, "holder", holder)).consume());
            } catch (RuntimeException e) {
                LOG.warnf("The '%s' lock was not released (%s); it expires by itself", name, e.getMessage());
            }
        }
    }

    /**
     * Takes the named lease, waiting while another process holds it; fails after {@code wait} with who holds it.
     */
    public Held take(String name, Duration lease, Duration wait) {
        var deadline = System.nanoTime() + wait.toNanos();
        var announced = false;
        try (var session = sessions.write()) {
            try {
                session.executeWrite(tx -> tx.run(CONSTRAINT).consume());
            } catch (ClientException e) {
                // Another replica created the same constraint at the same moment: it is there, which is all we need.
                LOG.debugf("lease constraint: %s", e.getMessage());
            }
            var params = Map.<String, Object>of("name", name, "holder", holder, "leaseMillis", lease.toMillis());
            while (true) {
                var taken = session.executeWrite(tx -> tx.run(TAKE, params).hasNext());
                if (taken) {
                    return new Held(name);
                }
                var other = session.executeRead(tx -> tx.run(HOLDER, Map.of("name", name)).single());
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(("Waited %d s for the '%s' lock, which %s holds since %s. If that process "
                            + "died, the lock expires at %s; start again then, or remove the lock: "
                            + "MATCH (l:_Lease {name: '%s'}) SET l.holder = null").formatted(wait.toSeconds(), name,
                                    other.get("holder").asString(), other.get("since").asString(), other.get("expires").asString(), name));
                }
                if (!announced) {
                    LOG.infof("Waiting for the '%s' lock, held by %s", name, other.get("holder").asString());
                    announced = true;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the '" + name + "' lock", e);
        }
    }

    private static String describeProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/pid " + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
