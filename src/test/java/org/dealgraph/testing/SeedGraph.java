package org.dealgraph.testing;

import org.dealgraph.seed.SeedLoader;
import org.neo4j.driver.Driver;

/**
 * The seed graph for read tests: cleaned and loaded once, then shared by every read test. A test that changes
 * the graph calls {@link #invalidate()} so the next reader gets a fresh seed graph.
 */
public final class SeedGraph {

    private static boolean loaded;

    private SeedGraph() {
    }

    public static synchronized void ensureLoaded(Driver driver, SeedLoader seed) {
        if (!loaded) {
            TestGraph.clean(driver);
            seed.loadAll();
            loaded = true;
        }
    }

    public static synchronized void invalidate() {
        loaded = false;
    }
}
