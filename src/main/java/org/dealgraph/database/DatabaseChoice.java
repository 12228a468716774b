package org.dealgraph.database;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.StartupEvent;

/** Stops a production build (no embedded Neo4j in it) at once, in words, when no external Neo4j is configured. */
@ApplicationScoped
public class DatabaseChoice {

    private final DatabaseConfig config;
    private final Instance<Embedded> embedded;

    DatabaseChoice(DatabaseConfig config, Instance<Embedded> embedded) {
        this.config = config;
        this.embedded = embedded;
    }

    void check(@Observes @Priority(Embedded.STARTS_FIRST + 1) StartupEvent event) {
        if (config.uri().isEmpty() && !embedded.isResolvable()) {
            throw new IllegalStateException("This build has no embedded Neo4j (it was built with -Ddealgraph.embedded=false): "
                    + "set NEO4J_URI to an external Neo4j (bolt://host:7687, neo4j://cluster:7687 or neo4j+s://….databases.neo4j.io)");
        }
    }
}
