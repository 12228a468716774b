package org.dealgraph.graphql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusDataFetcherService;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * SmallRye builds, for every request, a data loader for every batched field of the schema ({@code @Source List}), and
 * each with a new fetcher whose constructor finds the resolver method by reflection (class look-ups by name): 3–4 % of
 * a look-up's CPU spent on fields the request did not even ask for. The fetchers hold no state of a request (the ones
 * in the schema already serve every request), so each operation's is built once and handed out again.
 * <p>
 * Placed before Quarkus's own service (lower priority number first), whose fetchers it builds and keeps; kinds it
 * does not name (subscriptions' publishers) are left to the next service.
 */
public class OperationFetchers implements DataFetcherService {

    private static final LongAdder BUILT = new LongAdder();

    private final DataFetcherService quarkus = new QuarkusDataFetcherService();
    private final Map<Identity, PlugableBatchableDataFetcher<?, ?>> built = new ConcurrentHashMap<>();

    /** SmallRye's Field compares by name and type, not by declaring class: two resolvers of one name must not meet. */
    private record Identity(Operation operation, String kind) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.operation == operation && that.kind.equals(kind);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(operation) * 31 + kind.hashCode();
        }
    }

    /** How many fetchers were built since start: the schema's, then none per request. */
    static long built() {
        return BUILT.sum();
    }

    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableBatchableDataFetcher getDefaultDataFetcher(Operation operation, Type type) {
        return once(operation, "default", () -> quarkus.getDefaultDataFetcher(operation, type));
    }

    @Override
    public PlugableBatchableDataFetcher getUniDataFetcher(Operation operation, Type type) {
        return once(operation, "uni", () -> quarkus.getUniDataFetcher(operation, type));
    }

    @Override
    public PlugableBatchableDataFetcher getCompletionStageDataFetcher(Operation operation, Type type) {
        return once(operation, "completion-stage", () -> quarkus.getCompletionStageDataFetcher(operation, type));
    }

    private PlugableBatchableDataFetcher<?, ?> once(Operation operation, String kind, Supplier<PlugableBatchableDataFetcher<?, ?>> build) {
        return built.computeIfAbsent(new Identity(operation, kind), key -> {
            BUILT.increment();
            return build.get();
        });
    }
}
