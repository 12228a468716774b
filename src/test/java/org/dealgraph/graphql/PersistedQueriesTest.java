package org.dealgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allow-list: only documents registered ahead run, by hash; a client cannot register more. */
class PersistedQueriesTest {

    record Config(Optional<Path> directory, boolean allowListOnly) implements GraphQLConfig {
        public Duration timeout() { return Duration.ofSeconds(10); }
        public int maxDepth() { return 15; }
        public int maxCost() { return 20_000; }
        public int unpagedListSize() { return 3; }
        public String getCacheControl() { return "no-cache"; }
        public int maxRows() { return 10_000; }
        public io.quarkus.runtime.configuration.MemorySize maxBytes() { return new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(4 << 20)); }
        public int statementCost() { return 100; }
        public io.quarkus.runtime.configuration.MemorySize maxBodySize() { return maxBytes(); }
        public PersistedQueriesConfig persistedQueries() {
            return new PersistedQueriesConfig() {
                public Optional<Path> directory() { return directory; }
                public boolean allowListOnly() { return allowListOnly; }
                public int maxRemembered() { return 2; }
            };
        }
    }

    @Test
    void anAllowListRunsOnlyItsDocuments(@TempDir Path directory) throws Exception {
        var registered = "query Companies { companies { nodes { id } } }";
        Files.writeString(directory.resolve("companies.graphql"), registered);
        var queries = new PersistedQueries(new Config(Optional.of(directory), true));
        assertEquals(Optional.of(registered), queries.document(PersistedQueries.sha256(registered)));
        assertTrue(queries.allowed(registered));
        var other = "{ __typename }";
        assertFalse(queries.allowed(other));
        assertTrue(queries.remember(PersistedQueries.sha256(other), other), "the hash is right");
        assertEquals(Optional.empty(), queries.document(PersistedQueries.sha256(other)), "but nothing is registered by a client");
        assertTrue(queries.allowedInEngine(registered));
        assertFalse(queries.allowedInEngine(other), "the engine refuses it too, whatever carried it (a WebSocket)");
    }

    @Test
    void eachOperationOfARegisteredDocumentRunsAloneAsGetHandsItOn(@TempDir Path directory) throws Exception {
        var registered = "query A { companies { nodes { id } } } query B { agreements { nodes { id } } }";
        Files.writeString(directory.resolve("two.graphql"), registered);
        var queries = new PersistedQueries(new Config(Optional.of(directory), true));
        assertTrue(queries.allowedInEngine(HttpAnswers.onlyOperation(registered, "B")));
        assertFalse(queries.allowedInEngine("query B { agreements { nodes { id title } } }"));
    }

    @Test
    void automaticPersistedQueriesRememberTheMostRecentlyUsed() {
        var queries = new PersistedQueries(new Config(Optional.empty(), false));
        for (var text : new String[] {"{ a }", "{ b }", "{ c }"}) {
            assertTrue(queries.remember(PersistedQueries.sha256(text), text));
        }
        assertEquals(Optional.empty(), queries.document(PersistedQueries.sha256("{ a }")), "bounded: the oldest went");
        assertEquals(Optional.of("{ c }"), queries.document(PersistedQueries.sha256("{ c }")));
        assertFalse(queries.remember(PersistedQueries.sha256("{ x }"), "{ y }"), "a hash that is not the document's");
    }
}
