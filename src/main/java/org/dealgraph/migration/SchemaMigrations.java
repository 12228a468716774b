package org.dealgraph.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.dealgraph.database.GraphLease;
import org.dealgraph.database.GraphSessions;
import org.dealgraph.database.StartupLockConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.util.ClassPathUtils;

/**
 * Applies the Cypher scripts under {@code graph/migrations/} in version order, each exactly once, and records
 * them in the graph with a checksum. A script that changed after it was applied stops startup: the graph would
 * otherwise silently differ from what the repository says it is.
 */
@ApplicationScoped
public class SchemaMigrations {

    public static final String LOCATION = "graph/migrations";
    public static final int RUNS_AFTER_DATABASE = 10;

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

    private static final String BOOTSTRAP = """
            CREATE CONSTRAINT schema_migration_version IF NOT EXISTS
            FOR (m:_SchemaMigration) REQUIRE m.version IS UNIQUE""";

    private static final String APPLIED = """
            MATCH (m:_SchemaMigration)
            RETURN m.version AS version, m.checksum AS checksum""";

    private static final String RECORD = """
            MERGE (m:_SchemaMigration {version: $version})
            SET m.description = $description, m.checksum = $checksum, m.appliedAt = datetime()""";

    private final GraphSessions sessions;
    private final GraphLease lease;
    private final StartupLockConfig lock;

    SchemaMigrations(GraphSessions sessions, GraphLease lease, StartupLockConfig lock) {
        this.sessions = sessions;
        this.lease = lease;
        this.lock = lock;
    }

    /** Replicas starting together: one applies the pending migrations, the others wait and then find none. */
    void onStart(@Observes @Priority(RUNS_AFTER_DATABASE) StartupEvent event) {
        try (var held = lease.take("migrations", lock.lease(), lock.waitFor())) {
            migrate(load());
        }
    }

    /** Applies what is pending; returns the versions applied now. */
    List<Integer> migrate(List<Migration> migrations) {
        try (var session = sessions.write()) {
            session.executeWrite(tx -> tx.run(BOOTSTRAP).consume());
            Map<Integer, String> applied = session.executeRead(tx -> tx.run(APPLIED).list().stream()
                    .collect(Collectors.toMap(r -> r.get("version").asInt(),
                            r -> r.get("checksum").asString())));
            var appliedNow = new ArrayList<Integer>();
            for (var migration : migrations) {
                var recorded = applied.get(migration.version());
                if (recorded != null) {
                    if (!recorded.equals(migration.checksum())) {
                        throw new IllegalStateException(("Migration V%04d (%s) was changed after it was applied: "
                                + "recorded checksum %s, file checksum %s. Revert the file and add a new migration "
                                + "for the change.").formatted(migration.version(), migration.description(),
                                        recorded, migration.checksum()));
                    }
                    continue;
                }
                // Schema commands cannot share a transaction with writes, so each statement gets its own.
                for (var statement : migration.statements()) {
                    if (statement.contains("IN TRANSACTIONS")) {
                        // A data migration over the whole graph commits in slices; only an implicit transaction may.
                        session.run(statement).consume();
                    } else {
                        session.executeWrite(tx -> tx.run(statement).consume());
                    }
                }
                session.executeWrite(tx -> tx.run(RECORD, Map.of("version", migration.version(),
                        "description", migration.description(), "checksum", migration.checksum())).consume());
                appliedNow.add(migration.version());
                LOG.infof("Applied migration V%04d %s", migration.version(), migration.description());
            }
            return appliedNow;
        }
    }

    static List<Migration> load() {
        var migrations = new ArrayList<Migration>();
        try {
            ClassPathUtils.consumeAsPaths(LOCATION, dir -> {
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".cypher")).toList()) {
                    migrations.add(Migration.parse(file.getFileName().toString(),
                            Files.readString(file, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                throw new IllegalStateException("Two migrations share version " + migrations.get(i).version());
            }
        }
        return migrations;
    }
}
