package org.dealgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/**
 * The budget a request spends while it runs, on a schema of its own: a list that grows without bound under an
 * estimate that cannot see it. Past a bound no resolver runs any more and the answer is one LIMIT_EXCEEDED error.
 */
class RequestBudgetTest {

    private static final String SDL = """
            type Query { items(n: Int!): [Item!]! slow(ms: Int!): [Item!]! }
            type Item { id: ID! name: String! children(n: Int!): [Item!]! }
            """;

    private final AtomicInteger resolved = new AtomicInteger();

    private GraphQL engine(long maxRows, long maxBytes, Duration timeout) {
        DataFetcher<List<Map<String, Object>>> items = env -> {
            resolved.incrementAndGet();
            int n = env.getArgument("n");
            return IntStream.range(0, n).mapToObj(i -> Map.<String, Object>of("id", "i" + i, "name", "x".repeat(100))).toList();
        };
        DataFetcher<List<Map<String, Object>>> slow = env -> {
            resolved.incrementAndGet();
            Thread.sleep(env.<Integer>getArgument("ms"));
            return List.of(Map.of("id", "s", "name", "slow"));
        };
        var wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("items", items).dataFetcher("slow", slow))
                .type("Item", t -> t.dataFetcher("children", items)).build();
        var schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        return GraphQL.newGraphQL(schema)
                .instrumentation(OperationInstrumentation.of(List.of(new ValidationCodes(), new RequestBudget(maxRows, maxBytes, timeout))))
                .build();
    }

    private static Map<String, Object> onlyError(ExecutionResult result) {
        assertNull(result.getData(), "no partial data past a bound");
        assertEquals(1, result.getErrors().size(), result.getErrors().toString());
        return result.getErrors().get(0).getExtensions();
    }

    @Test
    void rowsPastTheBudgetStopTheRequestAndNoMoreResolversRun() {
        // 50 items, each with 50 children, each with 50: 127,550 rows if it ran to the end.
        var result = engine(1_000, 100_000_000, Duration.ofSeconds(30))
                .execute("{ items(n: 50) { id children(n: 50) { id children(n: 50) { id } } } }");
        var extensions = onlyError(result);
        assertEquals("LIMIT_EXCEEDED", extensions.get("code"));
        assertEquals("rows", extensions.get("limit"));
        assertEquals("1000", extensions.get("maximum").toString());
        assertTrue(resolved.get() < 60, "resolvers stopped once the budget was passed: " + resolved.get() + " of 2,551 ran");
    }

    @Test
    void bytesPastTheBudgetStopTheRequest() {
        var result = engine(1_000_000, 50_000, Duration.ofSeconds(30)).execute("{ items(n: 50) { name children(n: 50) { name } } }");
        var extensions = onlyError(result);
        assertEquals("bytes", extensions.get("limit"));
        assertEquals("50000", extensions.get("maximum").toString());
        assertTrue(resolved.get() < 51, "resolvers stopped: " + resolved.get());
    }

    @Test
    void oneDeadlineForTheWholeRequest() {
        // Four statements of 300 ms against a deadline of 450 ms: the first two start in time, the rest never start.
        var result = engine(1_000_000, 100_000_000, Duration.ofMillis(450))
                .execute("{ a: slow(ms: 300) { id } b: slow(ms: 300) { id } c: slow(ms: 300) { id } d: slow(ms: 300) { id } }");
        var extensions = onlyError(result);
        assertEquals("timeout", extensions.get("limit"));
        assertEquals("450", extensions.get("maximum").toString());
        assertEquals(2, resolved.get(), "the third and fourth statements never started");
    }

    @Test
    void withinTheBudgetTheAnswerIsWhole() {
        var result = engine(10_000, 1_000_000, Duration.ofSeconds(30)).execute("{ items(n: 20) { id children(n: 20) { id } } }");
        assertTrue(result.getErrors().isEmpty(), result.getErrors().toString());
        assertEquals(21, resolved.get());
    }
}
