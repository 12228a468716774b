package org.dealgraph.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.dealgraph.deal.SyntheticDeals;
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
     * True once a load's transaction writes its agreements (seen from another connection): its sources and
     * companies are written by then, in the same transaction, so a kill now finds writes to undo.
     */
    public static boolean agreementsBeingWritten(Driver observer) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            try (var session = observer.session()) {
                if (session.run("SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'UNWIND $rows' "
                        + "AND currentQuery CONTAINS ':Agreement' RETURN count(*)").single().get(0).asLong() > 0) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }
}
