package org.dealgraph.database;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;

import org.dealgraph.security.Callers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class DatabaseStatusResource {

    private static final String STATUS = """
            CALL dbms.components() YIELD name, versions, edition
            WITH name + ' ' + versions[0] AS version, edition LIMIT 1
            OPTIONAL MATCH (m:_SchemaMigration)
            WITH version, edition, m ORDER BY m.version
            RETURN version, edition, [x IN collect(m) | {version: x.version, description: x.description,
                   checksum: x.checksum, appliedAt: toString(x.appliedAt)}] AS migrations""";

    private final GraphSessions sessions;
    private final Instance<Embedded> embedded;
    private final Callers callers;
    private final boolean detailsNeedToken;

    DatabaseStatusResource(GraphSessions sessions, Instance<Embedded> embedded, Callers callers,
            @ConfigProperty(name = "dealgraph.operations.need-token", defaultValue = "true") boolean detailsNeedToken) {
        this.sessions = sessions;
        this.embedded = embedded;
        this.callers = callers;
        this.detailsNeedToken = detailsNeedToken;
    }

    @Query("database")
    @Description("The Neo4j behind this API: embedded or external, its version, and the applied schema migrations. Its address, "
            + "version and edition are given to callers with a reader or curator token only (in production; open in dev mode).")
    public DatabaseStatus database() {
        try (var session = sessions.read()) {
            var record = session.executeRead(tx -> tx.run(STATUS).single());
            var migrations = record.get("migrations").asList(v -> new DatabaseStatus.AppliedMigration(
                    v.get("version").asInt(), v.get("description").asString(), v.get("checksum").asString(),
                    v.get("appliedAt").asString()));
            var bolt = embedded.isResolvable() ? embedded.get().boltUri() : Optional.<String>empty();
            var mode = bolt.isPresent() ? DatabaseStatus.Mode.EMBEDDED : DatabaseStatus.Mode.EXTERNAL;
            if (detailsNeedToken && callers.signedIn().isEmpty()) {
                // Where the database listens and which version it runs help an attacker more than a frontend.
                return new DatabaseStatus(mode, null, null, null, migrations);
            }
            return new DatabaseStatus(mode, bolt.orElse(null), record.get("version").asString(), record.get("edition").asString(), migrations);
        }
    }
}
