package org.dealgraph.testing;

import jakarta.inject.Inject;

import org.dealgraph.seed.SeedLoader;
import org.junit.jupiter.api.BeforeEach;
import org.neo4j.driver.Driver;

/** Base of the tests that write: each test starts from a freshly loaded seed graph, and the next reader reloads it. */
public abstract class FreshSeedGraphTest {

    @Inject
    protected Driver driver;

    @Inject
    protected SeedLoader seed;

    @BeforeEach
    void freshSeedGraph() {
        SeedGraph.invalidate();
        SeedGraph.ensureLoaded(driver, seed);
        SeedGraph.invalidate();
    }
}
