package org.dealgraph.database;

import jakarta.enterprise.inject.Instance;

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

    DatabaseStatusResource(GraphSessions sessions, Instance<Embedded> embedded) {
        this.sessions = sessions;
        this.embedded = embedded;
    }

    @Query("database")
    @Description("The Neo4j behind this API: embedded or external, its version, and the applied schema migrations.")
    public DatabaseStatus database() {
        try (var session = sessions.read()) {
            var record = session.executeRead(tx -> tx.run(STATUS).single());
            var migrations = record.get("migrations").asList(v -> new DatabaseStatus.AppliedMigration(
                    v.get("version").asInt(), v.get("description").asString(), v.get("checksum").asString(),
                    v.get("appliedAt").asString()));
            var bolt = embedded.isResolvable() ? embedded.get().boltUri() : java.util.Optional.<String>empty();
            return new DatabaseStatus(bolt.isPresent() ? DatabaseStatus.Mode.EMBEDDED : DatabaseStatus.Mode.EXTERNAL,
                    bolt.orElse(null), record.get("version").asString(),
                    record.get("edition").asString(), migrations);
        }
    }
}
