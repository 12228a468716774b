package org.dealgraph.testing;

import jakarta.inject.Inject;

import org.dealgraph.seed.SeedLoader;
import org.junit.jupiter.api.BeforeEach;
import org.neo4j.driver.Driver;

/** Base of the tests that read the seed graph: it is loaded once and shared until a writing test invalidates it. */
public abstract class SeedGraphTest {

    @Inject
    protected Driver driver;

    @Inject
    protected SeedLoader seed;

    @BeforeEach
    void seedGraph() {
        SeedGraph.ensureLoaded(driver, seed);
    }
}
