package org.dealgraph.graphql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.dataloader.BatchLoaderWithContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.LightDataFetcher;
import graphql.schema.SchemaTransformer;
import graphql.schema.SelectedField;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.spi.EventingService;

/**
 * Reading a field of a record (an agreement's title, a party's role...) is most of the work of a large GraphQL answer.
 * SmallRye's field fetcher builds a request context for every such read (the result path as text, the selected
 * fields as JSON) that only resolver methods use; and its "default" field visibility is a regular expression matched
 * against every field looked up. For plain record components (text, ids, booleans, integers, enums, objects, with no
 * formatting or adapter) this reads the component directly, and leaves field visibility to graphql-java's default.
 * Anything it cannot read safely keeps SmallRye's fetcher.
 * <p>
 * A batched field asked twice on the same object with different arguments ({@code a: invested(asOf: "2019-01-01")
 * b: invested(asOf: "2026-01-01")}) must answer each with its own arguments. SmallRye queues both in one data loader
 * whose batch function takes the arguments of the first call for all of them, so both answers were the first one.
 * Such fields get a data loader per distinct set of arguments ({@link PerArguments}: same batch function, same
 * options), registered in the request's registry so that graphql-java dispatches it like any other.
 * <p>
 * It is a SmallRye eventing service found by the service loader and always on (no configuration key), rather than a
 * CDI observer: turning on SmallRye's CDI events would fire five CDI events on every request.
 */
public class FieldFetchers implements EventingService {

    private static final Logger LOG = Logger.getLogger(FieldFetchers.class);
    private static final Set<String> PLAIN_SCALARS = Set.of("String", "ID", "Boolean", "Int", "Float");

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        var schema = builder.build();
        return GraphQLSchema.newSchema(withRelayNames(schema.transform(b -> b.codeRegistry(fetchers(schema)))));
    }

    private static GraphQLCodeRegistry fetchers(GraphQLSchema schema) {
        var registry = schema.getCodeRegistry();
        int[] replaced = {0};
        var faster = registry.transform(code -> {
            var visibility = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class)
                    .orElse("default");
            if (registry.getFieldVisibility() instanceof BlockedFields && visibility.equals("default")) {
                code.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY);
            }
            for (var type : schema.getAllTypesAsList()) {
                if (!(type instanceof GraphQLObjectType object) || object.getName().startsWith("__")) {
                    continue;
                }
                for (var field : object.getFieldDefinitions()) {
                    var coordinates = FieldCoordinates.coordinates(object, field);
                    var fetcher = registry.getDataFetcher(coordinates, field);
                    var component = fetcher instanceof FieldDataFetcher<?> smallrye && isPlain(field) ? componentOf(smallrye) : Optional.<MethodHandle>empty();
                    var perArguments = fetcher instanceof BatchDataFetcher<?> batch && !field.getArguments().isEmpty() ? loaderName(batch) : Optional.<String>empty();
                    if (component.isPresent()) {
                        code.dataFetcher(coordinates, new ComponentFetcher(component.get()));
                        replaced[0]++;
                    } else if (perArguments.isPresent()) {
                        code.dataFetcher(coordinates, new PerArguments(fetcher, perArguments.get()));
                    } else if (fetcher instanceof TrivialDataFetcher<?>) {
                        code.dataFetcher(coordinates, new TrivialWithoutSelectedFields(fetcher));
                    } else if (fetcher instanceof PlugableDataFetcher<?> || fetcher instanceof BatchDataFetcher<?>) {
                        code.dataFetcher(coordinates, new WithoutSelectedFields(fetcher));
                    }
                }
            }
        });
        LOG.debugf("%d record fields read directly", replaced[0]);
        return faster;
    }

    /** The Relay name of a use of the generic connection SmallRye names after its row: Paged_Agreement → AgreementConnection. */
    static String relayName(String name) {
        if (name.startsWith("PagedEdge_")) {
            return name.substring("PagedEdge_".length()) + "Edge";
        }
        return name.startsWith("Paged_") ? name.substring("Paged_".length()) + "Connection" : null;
    }

    /** The schema with the connections renamed to their Relay names, their fields fetched as before. */
    private static GraphQLSchema withRelayNames(GraphQLSchema schema) {
        var renamed = new HashMap<String, String>();
        var transformed = SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLObjectType(GraphQLObjectType node, TraverserContext<GraphQLSchemaElement> context) {
                var name = relayName(node.getName());
                if (name == null) {
                    return TraversalControl.CONTINUE;
                }
                renamed.put(node.getName(), name);
                var row = name.endsWith("Connection") ? name.substring(0, name.length() - "Connection".length()) : null;
                return changeNode(context, node.transform(type -> type.name(name)
                        .description(row == null ? node.getDescription() : "A page of " + row + " rows (Relay connection).")));
            }
        });
        var before = schema.getCodeRegistry();
        var registry = transformed.getCodeRegistry().transform(code -> renamed.forEach((from, to) -> {
            for (var field : schema.getObjectType(from).getFieldDefinitions()) {
                code.dataFetcher(FieldCoordinates.coordinates(to, field.getName()),
                        before.getDataFetcher(FieldCoordinates.coordinates(from, field.getName()), field));
            }
        }));
        return transformed.transform(b -> b.codeRegistry(registry));
    }

    private static boolean isPlain(GraphQLFieldDefinition field) {
        if (!field.getArguments().isEmpty()) {
            return false;
        }
        var type = GraphQLTypeUtil.unwrapAll(field.getType());
        return type instanceof GraphQLObjectType || type instanceof GraphQLEnumType
                || type instanceof GraphQLScalarType scalar && PLAIN_SCALARS.contains(scalar.getName());
    }

    /** The record accessor SmallRye would call, when it would neither format nor adapt the value. */
    private static Optional<MethodHandle> componentOf(FieldDataFetcher<?> fetcher) {
        try {
            var model = (Field) read(fetcher, "field");
            var owner = (Reference) read(fetcher, "owner");
            if (model.getMethodName() == null || model.hasTransformation() || model.isAdaptingTo() || model.isAdaptingWith()) {
                return Optional.empty();
            }
            var ownerClass = Class.forName(owner.getClassName(), false, Thread.currentThread().getContextClassLoader());
            if (!ownerClass.isRecord()) {
                return Optional.empty();
            }
            var method = ownerClass.getMethod(model.getMethodName());
            return Optional.of(MethodHandles.publicLookup().unreflect(method).asType(MethodType.methodType(Object.class, Object.class)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        var field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    /** A light fetcher: graphql-java then builds no environment for the field. */
    record ComponentFetcher(MethodHandle component) implements LightDataFetcher<Object> {
        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return read(environment.getSource());
        }

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment) throws Exception {
            return read(source);
        }

        private Object read(Object source) throws Exception {
            try {
                return source == null ? null : component.invokeExact(source);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static Optional<String> loaderName(BatchDataFetcher<?> fetcher) {
        try {
            var field = BatchDataFetcher.class.getDeclaredField("batchLoaderName");
            field.setAccessible(true);
            return Optional.of((String) field.get(fetcher));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Batched fields keep SmallRye's shared data loader: %s", e.toString());
            return Optional.empty();
        }
    }

    record PerArguments(DataFetcher<?> batch, String loaderName) implements DataFetcher<Object> {
        @Override
        @SuppressWarnings("unchecked")
        public Object get(DataFetchingEnvironment environment) throws Exception {
            var registry = environment.getDataLoaderRegistry();
            DataLoader<Object, Object> shared = registry.getDataLoader(loaderName);
            if (shared == null || environment.getArguments().isEmpty()) {
                return batch.get(withoutSelectedFields(environment).build());
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
            return batch.get(withoutSelectedFields(environment).dataLoaderRegistry(view).build());
        }
    }

    /**
     * SmallRye gives every resolver call a context holding the field's selection rendered as JSON (twice: with and
     * without source fields), built eagerly on every call of every resolver, for each parent object of a batched
     * field: 8 % of a look-up's CPU. dealgraph's resolvers read graphql-java's selection set instead
     * ({@link org.dealgraph.api.Selections}), so SmallRye is handed an environment whose selection set answers
     * {@code getFields()} (the one call SmallRye renders from) with nothing, and everything else as it is.
     */
    static DataFetchingEnvironmentImpl.Builder withoutSelectedFields(DataFetchingEnvironment environment) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment(environment).selectionSet(new UnrenderedSelection(environment));
    }

    record WithoutSelectedFields(DataFetcher<?> smallrye) implements DataFetcher<Object> {
        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return smallrye.get(withoutSelectedFields(environment).build());
        }
    }

    /** The same for SmallRye's field readers: graphql-java instruments trivial fetchers less, so it stays trivial. */
    record TrivialWithoutSelectedFields(DataFetcher<?> smallrye) implements TrivialDataFetcher<Object> {
        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return smallrye.get(withoutSelectedFields(environment).build());
        }
    }

    /** The field's selection, computed only when a resolver asks; {@code getFields()} is what SmallRye renders. */
    record UnrenderedSelection(DataFetchingEnvironment environment) implements DataFetchingFieldSelectionSet {
        @Override
        public List<SelectedField> getFields() {
            return List.of();
        }

        @Override
        public boolean contains(String fieldGlobPattern) {
            return environment.getSelectionSet().contains(fieldGlobPattern);
        }

        @Override
        public boolean containsAnyOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return environment.getSelectionSet().containsAnyOf(fieldGlobPattern, fieldGlobPatterns);
        }

        @Override
        public boolean containsAllOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return environment.getSelectionSet().containsAllOf(fieldGlobPattern, fieldGlobPatterns);
        }

        @Override
        public List<SelectedField> getImmediateFields() {
            return environment.getSelectionSet().getImmediateFields();
        }

        @Override
        public List<SelectedField> getFields(String fieldGlobPattern, String... fieldGlobPatterns) {
            return environment.getSelectionSet().getFields(fieldGlobPattern, fieldGlobPatterns);
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey() {
            return environment.getSelectionSet().getFieldsGroupedByResultKey();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey(String fieldGlobPattern, String... fieldGlobPatterns) {
            return environment.getSelectionSet().getFieldsGroupedByResultKey(fieldGlobPattern, fieldGlobPatterns);
        }
    }
}
