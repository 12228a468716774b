package org.dealgraph.http;

import java.util.TreeMap;

import org.dataloader.BatchLoaderWithContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.jboss.logging.Logger;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.spi.EventingService;

/**
 * A batched field asked twice on the same object with different arguments ({@code a: invested(asOf: "2019-01-01")
 * b: invested(asOf: "2026-01-01")}) must answer each with its own arguments. SmallRye GraphQL queues both in one
 * data loader whose batch function takes the arguments of the first call for all of them, so both answers were the
 * first one. This gives each distinct set of arguments a data loader of its own (same batch function, same options),
 * registered in the request's registry so that graphql-java dispatches it like any other.
 */
public class BatchedArguments implements EventingService {

    private static final Logger LOG = Logger.getLogger(BatchedArguments.class);

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        var schema = builder.build();
        var registry = schema.getCodeRegistry();
        int[] wrapped = {0};
        var separated = registry.transform(code -> {
            for (var type : schema.getAllTypesAsList()) {
                if (!(type instanceof GraphQLObjectType object) || object.getName().startsWith("__")) {
                    continue;
                }
                for (var field : object.getFieldDefinitions()) {
                    var coordinates = FieldCoordinates.coordinates(object, field);
                    if (!field.getArguments().isEmpty() && registry.getDataFetcher(coordinates, field) instanceof BatchDataFetcher<?> batch) {
                        loaderName(batch).ifPresent(name -> {
                            code.dataFetcher(coordinates, new PerArguments(batch, name));
                            wrapped[0]++;
                        });
                    }
                }
            }
        });
        LOG.debugf("%d batched fields with arguments get a data loader per set of arguments", wrapped[0]);
        return builder.codeRegistry(separated);
    }

    private static java.util.Optional<String> loaderName(BatchDataFetcher<?> fetcher) {
        try {
            var field = BatchDataFetcher.class.getDeclaredField("batchLoaderName");
            field.setAccessible(true);
            return java.util.Optional.of((String) field.get(fetcher));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Batched fields keep SmallRye's shared data loader: %s", e.toString());
            return java.util.Optional.empty();
        }
    }

    record PerArguments(DataFetcher<?> batch, String loaderName) implements DataFetcher<Object> {
        @Override
        @SuppressWarnings("unchecked")
        public Object get(DataFetchingEnvironment environment) throws Exception {
            var registry = environment.getDataLoaderRegistry();
            DataLoader<Object, Object> shared = registry.getDataLoader(loaderName);
            if (shared == null || environment.getArguments().isEmpty()) {
                return batch.get(environment);
            }
            var name = loaderName + "|" + new TreeMap<>(environment.getArguments());
            DataLoader<Object, Object> own = registry.computeIfAbsent(name, n -> DataLoaderFactory.newDataLoader(
                    (BatchLoaderWithContext<Object, Object>) shared.getBatchLoadFunction(), shared.getOptions()));
            var view = new DataLoaderRegistry() {
                @Override
                public <K, V> DataLoader<K, V> getDataLoader(String key) {
                    return key.equals(loaderName) ? (DataLoader<K, V>) (DataLoader<?, ?>) own : registry.getDataLoader(key);
                }
            };
            return batch.get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment(environment).dataLoaderRegistry(view).build());
        }
    }
}
