package org.dealgraph.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
public class SchemaMigrationsTest {

    @Inject
    SchemaMigrations migrations;

    @Inject
    Driver driver;

    /** The number of scripts in the repository's graph/migrations, counted from the files themselves. */
    public static int migrationFileCount() {
        try (var files = Files.list(Path.of("graph", "migrations"))) {
            return (int) files.filter(f -> f.toString().endsWith(".cypher")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void removeTestMigration() {
        try (var session = driver.session()) {
            session.run("DROP INDEX test_only_x IF EXISTS").consume();
            session.run("MATCH (m:_SchemaMigration {version: 9999}) DELETE m").consume();
        }
    }

    @Test
    void everyMigrationFileIsAppliedAtStartup() {
        var loaded = SchemaMigrations.load();
        assertEquals(migrationFileCount(), loaded.size());
        try (var session = driver.session()) {
            var constraints = session.run("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
                    .single().get("names").asList(v -> v.asString());
            assertTrue(constraints.containsAll(List.of("company_id", "person_id", "agreement_id", "source_id")));
            var indexes = session.run("SHOW INDEXES YIELD name, type RETURN collect(name) AS names")
                    .single().get("names").asList(v -> v.asString());
            assertTrue(indexes.containsAll(List.of("names", "agreement_kind")), () -> "indexes: " + indexes);
        }
    }

    @Test
    void appliedMigrationsAreNotAppliedAgain() {
        assertEquals(List.of(), migrations.migrate(SchemaMigrations.load()));
    }

    @Test
    void aNewMigrationIsAppliedExactlyOnce() {
        var withNew = new ArrayList<>(SchemaMigrations.load());
        withNew.add(Migration.parse("V9999__test_only.cypher", "CREATE INDEX test_only_x IF NOT EXISTS FOR (n:TestOnly) ON (n.x);"));
        assertEquals(List.of(9999), migrations.migrate(withNew));
        assertEquals(List.of(), migrations.migrate(withNew));
        try (var session = driver.session()) {
            assertEquals(1, session.run("SHOW INDEXES YIELD name WHERE name = 'test_only_x' RETURN count(*) AS n")
                    .single().get("n").asInt());
        }
    }

    @Test
    void aChangedAppliedMigrationStopsWithAClearMessage() {
        var changed = new ArrayList<>(SchemaMigrations.load());
        var first = changed.get(0);
        changed.set(0, new Migration(first.version(), first.description(), first.script() + "\n// edited"));
        var e = assertThrows(IllegalStateException.class, () -> migrations.migrate(changed));
        assertTrue(e.getMessage().startsWith("Migration V0001 (unique business ids) was changed after it was applied"),
                e::getMessage);
    }
}
