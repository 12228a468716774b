package org.dealgraph.database;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Type;

@Type("DatabaseStatus")
@Description("Which Neo4j this service answers from, and the schema migrations applied to it.")
public record DatabaseStatus(
        @Description("EMBEDDED when the service runs Neo4j in-process, EXTERNAL when it uses a configured server.") Mode mode,
        @Description("Where researchers reach the embedded database over Bolt; null for an external database.") String boltUri,
        @Description("Neo4j product name and version as the database reports it.") String neo4jVersion,
        @Description("Neo4j edition: community or enterprise.") String edition,
        @Description("Schema migrations applied to this graph, oldest first.") List<AppliedMigration> migrations) {

    @Enum("DatabaseMode")
    public enum Mode {
        EMBEDDED, EXTERNAL
    }

    @Type("AppliedMigration")
    @Description("One versioned Cypher schema script from graph/migrations, as recorded in the graph.")
    public record AppliedMigration(int version, String description, String checksum, String appliedAt) {
    }
}
