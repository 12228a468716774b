package org.dealgraph.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.spi.EventingService;

/**
 * Reading a field of a record (an agreement's title, a party's role...) is most of the work of a large GraphQL answer.
 * SmallRye's field fetcher builds a request context for every such read (the result path as text, the selected
 * fields as JSON) that only resolver methods use; and its "default" field visibility is a regular expression matched
 * against every field looked up. For plain record components (text, ids, booleans, integers, enums, objects, with no
 * formatting or adapter) this reads the component directly, and leaves field visibility to graphql-java's default.
 * Anything it cannot read safely keeps SmallRye's fetcher.
 * <p>
 * It is a SmallRye eventing service found by the service loader and always on (no configuration key), rather than a
 * CDI observer: turning on SmallRye's CDI events would fire five CDI events on every request.
 */
public class RecordFieldFetchers implements EventingService {

    private static final Logger LOG = Logger.getLogger(RecordFieldFetchers.class);
    private static final Set<String> PLAIN_SCALARS = Set.of("String", "ID", "Boolean", "Int", "Float");

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        var schema = builder.build();
        var registry = schema.getCodeRegistry();
        int[] replaced = {0};
        var faster = registry.transform(code -> {
            var visibility = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class)
                    .orElse("default");
            if (registry.getFieldVisibility() instanceof BlockedFields && visibility.equals("default")) {
                code.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY);
            }
            for (var type : schema.getAllTypesAsList()) {
                if (!(type instanceof GraphQLObjectType object) || object.getName().startsWith("__") || isRoot(schema, object)) {
                    continue;
                }
                for (var field : object.getFieldDefinitions()) {
                    var coordinates = FieldCoordinates.coordinates(object, field);
                    if (registry.getDataFetcher(coordinates, field) instanceof FieldDataFetcher<?> smallrye && isPlain(field)) {
                        componentOf(smallrye).ifPresent(handle -> {
                            code.dataFetcher(coordinates, new ComponentFetcher(handle));
                            replaced[0]++;
                        });
                    }
                }
            }
        });
        LOG.debugf("%d record fields read directly", replaced[0]);
        return builder.codeRegistry(faster);
    }

    private static boolean isRoot(GraphQLSchema schema, GraphQLObjectType type) {
        return type == schema.getQueryType() || type == schema.getMutationType() || type == schema.getSubscriptionType();
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
            var model = (io.smallrye.graphql.schema.model.Field) read(fetcher, "field");
            var owner = (io.smallrye.graphql.schema.model.Reference) read(fetcher, "owner");
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

    record ComponentFetcher(MethodHandle component) implements TrivialDataFetcher<Object> {
        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            var source = environment.getSource();
            try {
                return source == null ? null : component.invokeExact(source);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
