package org.dealgraph.database;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.neo4j.io.ByteUnit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the embedded Neo4j before anything uses the driver, unless an external database is configured.
 * The driver is created lazily by quarkus-neo4j and connects on first use, so starting the server at the
 * earliest startup observer is enough. Left out of production builds (see {@link Embedded}).
 */
@ApplicationScoped
public class EmbeddedDatabase implements Embedded {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final DatabaseConfig config;
    private final String username;
    private final String password;
    private volatile EmbeddedNeo4j server;

    EmbeddedDatabase(DatabaseConfig config,
            @ConfigProperty(name = "quarkus.neo4j.authentication.username") String username,
            @ConfigProperty(name = "quarkus.neo4j.authentication.password") String password) {
        this.config = config;
        this.username = username;
        this.password = password;
    }

    void start(@Observes @Priority(STARTS_FIRST) StartupEvent event) {
        if (config.uri().isPresent()) {
            LOG.infof("Using the external Neo4j at %s; the embedded server stays off", config.uri().get());
            return;
        }
        var embedded = config.embedded();
        var started = System.nanoTime();
        server = EmbeddedNeo4j.start(new EmbeddedNeo4j.Settings(embedded.directory(), embedded.listenAddress(),
                embedded.boltPort(), embedded.authEnabled(), username, password,
                ByteUnit.parse(embedded.pageCache()), embedded.transactionTimeout(), ByteUnit.parse(embedded.transactionMemoryMax()),
                ByteUnit.parse(embedded.transactionMemoryTotal()), embedded.transactionStateOffHeap()));
        LOG.infof("Embedded Neo4j started in %d ms, Bolt on %s, data in %s",
                (System.nanoTime() - started) / 1_000_000, server.boltUri(), embedded.directory().toAbsolutePath());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
            server = null;
            LOG.info("Embedded Neo4j stopped");
        }
    }

    @Override
    public Optional<String> boltUri() {
        return Optional.ofNullable(server).map(EmbeddedNeo4j::boltUri);
    }

    @Override
    public Optional<InProcessReads> reads() {
        if (!config.embedded().inProcessReads()) {
            return Optional.empty();
        }
        if (server != null) {
            return Optional.of(server);
        }
        // An "external" Neo4j that this very process runs (the tests' shared server): read from it in-process too.
        if (config.name().filter(name -> !name.equals("neo4j")).isPresent()) {
            return Optional.empty();
        }
        return config.uri().flatMap(EmbeddedNeo4j::runningAt);
    }
}
