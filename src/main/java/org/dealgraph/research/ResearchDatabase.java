package org.dealgraph.research;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.database.GraphSessions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The database as researchers reach it: through the service's driver, or, when {@code dealgraph.cypher.username}
 * and {@code password} are set, through a driver of its own signed in as that (read-only) database user.
 */
@ApplicationScoped
public class ResearchDatabase {

    private static final Logger LOG = Logger.getLogger(ResearchDatabase.class);
    private static final String PLUGIN_FUNCTIONS = "SHOW FUNCTIONS YIELD name, isBuiltIn WHERE NOT isBuiltIn RETURN name";

    private final Driver driver;
    private final Driver ownDriver;
    private volatile Set<String> pluginFunctions;
    private final GraphSessions sessions;

    ResearchDatabase(Driver serviceDriver, GraphSessions sessions, CypherConfig config,
            @ConfigProperty(name = "quarkus.neo4j.uri") String uri) {
        this.sessions = sessions;
        if (config.username().isPresent() && config.password().isPresent()) {
            ownDriver = GraphDatabase.driver(uri, AuthTokens.basic(config.username().get(), config.password().get()));
            driver = ownDriver;
            LOG.infof("POST /cypher signs in to Neo4j as '%s'", config.username().get());
        } else {
            ownDriver = null;
            driver = serviceDriver;
        }
    }

    Session readSession() {
        return driver.session(sessions.config(AccessMode.READ));
    }

    /** Functions a plugin added to the database (APOC and the like); Cypher's own functions only compute values. */
    Set<String> pluginFunctions() {
        var known = pluginFunctions;
        if (known == null) {
            try (var session = readSession()) {
                known = session.executeRead(tx -> tx.run(PLUGIN_FUNCTIONS).list(r -> r.get(0).asString()))
                        .stream().collect(Collectors.toUnmodifiableSet());
            }
            pluginFunctions = known;
        }
        return known;
    }

    @PreDestroy
    void close() {
        if (ownDriver != null) {
            ownDriver.close();
        }
    }
}
