package org.dealgraph.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.dealgraph.synthetic.SyntheticDeals;
import org.neo4j.driver.Driver;

/** Large generated loads, and a view from another connection of one that is being written. */
public final class LoadsInFlight {

    private LoadsInFlight() {
    }

    /** A generated deal file as text. */
    public static String synthetic(int companies, int agreements, long seed) {
        var out = new ByteArrayOutputStream();
        try {
            SyntheticDeals.write(out, companies, agreements, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * A load's transaction, seen from another connection, once it links the agreements it has created: its sources,
     * companies and agreements are written by then, in that same transaction, so a kill now finds writes to undo.
     * The transaction is told by the file name the service puts in its metadata and by the text of the writer's link
     * statement (a parameter here: this probe's own text holds neither, so it cannot see itself).
     */
    public record Writing(String transactionId, String statement, long activeLocks) {
    }

    /** The statement that links a load's new agreements to their parties; it runs after they are all created. */
    public static final String LINKING_PARTIES = "CREATE (c)-[:PARTY_TO {role: row.role}]->(a)";

    public static Writing agreementsBeingLinked(Driver observer, String file, java.time.Duration timeout) throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (var session = observer.session()) {
                var found = session.run("""
                        SHOW TRANSACTIONS YIELD transactionId, metaData, currentQuery, activeLockCount
                        WHERE metaData.load = $file AND currentQuery CONTAINS $statement AND activeLockCount > 0
                        RETURN transactionId, currentQuery, activeLockCount""",
                        java.util.Map.of("file", file, "statement", LINKING_PARTIES)).list();
                if (!found.isEmpty()) {
                    var r = found.get(0);
                    return new Writing(r.get("transactionId").asString(), r.get("currentQuery").asString(), r.get("activeLockCount").asLong());
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the load of " + file + " was never seen linking its agreements");
    }

    /** Whether a transaction is still running (seen from another connection). */
    public static boolean running(Driver observer, String transactionId) {
        try (var session = observer.session()) {
            return session.run("SHOW TRANSACTIONS YIELD transactionId WHERE transactionId = $id RETURN count(*)",
                    java.util.Map.of("id", transactionId)).single().get(0).asLong() > 0;
        }
    }
}
