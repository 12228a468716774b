package org.dealgraph.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dealgraph.api.EntityResolver;
import org.eclipse.microprofile.config.ConfigProvider;

import com.apollographql.federation.graphqljava.Federation;

import graphql.introspection.Introspection.DirectiveLocation;
import graphql.language.ArrayValue;
import graphql.language.StringValue;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.graphql.spi.EventingService;

/**
 * An Apollo Federation 2 subgraph, when {@code dealgraph.federation.enabled} (default false): {@code Company},
 * {@code Agreement}, {@code Person}, {@code Source} and {@code Product} are entities keyed by their business id
 * ({@code @key(fields: "id")}), {@code _entities} resolves any number of representations in one statement
 * (node/Entities), {@code _service { sdl }} gives the subgraph schema, which imports {@code @key}, {@code @cost} and
 * {@code @listSize} from federation v2.9. federation-jvm makes the subgraph, as the last step of building the schema:
 * SmallRye's own federation, applied before this service's schema steps, would name types they rename.
 */
public class Subgraph implements EventingService {

    static final String ENABLED = "dealgraph.federation.enabled";
    static final String FEDERATION = "https://specs.apollo.dev/federation/v2.9";
    static final List<String> IMPORTS = List.of("@key", "@cost", "@listSize", "FieldSet");

    @Override
    public String getConfigKey() {
        return null;
    }

    static boolean enabled() {
        return ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(false);
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        if (!enabled()) {
            return builder;
        }
        var base = builder.build();
        var scalars = CostDirectives.Scalars.of(base);
        var fieldSet = GraphQLScalarType.newScalar().name("FieldSet").description("A selection of fields, as a @key names them.")
                .coercing(scalars.string().getCoercing()).build();
        var linkImport = GraphQLScalarType.newScalar().name("link__Import").coercing(scalars.string().getCoercing()).build();
        var purpose = GraphQLEnumType.newEnum().name("link__Purpose").value("SECURITY").value("EXECUTION").build();
        var key = GraphQLDirective.newDirective().name("key").repeatable(true)
                .argument(GraphQLArgument.newArgument().name("fields").type(GraphQLNonNull.nonNull(fieldSet)))
                .argument(GraphQLArgument.newArgument().name("resolvable").type(scalars.bool()).defaultValueProgrammatic(true))
                .validLocations(DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE).build();
        var link = GraphQLDirective.newDirective().name("link").repeatable(true)
                .argument(GraphQLArgument.newArgument().name("url").type(GraphQLNonNull.nonNull(scalars.string())))
                .argument(GraphQLArgument.newArgument().name("as").type(scalars.string()))
                .argument(GraphQLArgument.newArgument().name("import").type(GraphQLList.list(linkImport)))
                .argument(GraphQLArgument.newArgument().name("for").type(purpose))
                .validLocations(DirectiveLocation.SCHEMA).build();
        var linked = GraphQLAppliedDirective.newDirective().name("link")
                .argument(GraphQLAppliedDirectiveArgument.newArgument().name("url").type(GraphQLNonNull.nonNull(scalars.string()))
                        .valueLiteral(StringValue.of(FEDERATION)))
                .argument(GraphQLAppliedDirectiveArgument.newArgument().name("import").type(GraphQLList.list(linkImport))
                        .valueLiteral(ArrayValue.newArrayValue().values(IMPORTS.stream().<graphql.language.Value>map(StringValue::of).toList()).build()))
                .build();
        var keyed = SchemaTransformer.transformSchema(GraphQLSchema.newSchema(base).additionalType(fieldSet).additionalType(linkImport)
                .additionalType(purpose).additionalDirective(key).additionalDirective(link).withSchemaAppliedDirective(linked).build(),
                new GraphQLTypeVisitorStub() {
                    @Override
                    public TraversalControl visitGraphQLObjectType(GraphQLObjectType node, TraverserContext<GraphQLSchemaElement> context) {
                        if (!EntityResolver.TYPES.contains(node.getName())) {
                            return TraversalControl.CONTINUE;
                        }
                        return changeNode(context, node.transform(type -> type.withAppliedDirective(GraphQLAppliedDirective.newDirective()
                                .name("key").argument(GraphQLAppliedDirectiveArgument.newArgument().name("fields")
                                        .type(GraphQLNonNull.nonNull(fieldSet)).valueLiteral(StringValue.of("id")))
                                .build())));
                    }
                });
        var subgraph = Federation.transform(keyed)
                .fetchEntities((DataFetcher<Object>) environment -> {
                    List<Map<String, Object>> representations = environment.getArgument("representations");
                    var entities = Arc.container().instance(EntityResolver.class).get();
                    // A read of the database: off the event loop, as SmallRye runs the service's own resolvers.
                    return CompletableFuture.supplyAsync(() -> entities.resolve(representations), Infrastructure.getDefaultWorkerPool());
                })
                .resolveEntityType(environment -> environment.getSchema().getObjectType(
                        Arc.container().instance(EntityResolver.class).get().typeOf(environment.getObject())))
                .setFederation2(true)
                .build();
        // _entities is a root list of as many entities as representations given: sized by them, as nodes(ids:) by its ids.
        int statementCost = RequestLimits.setting(ConfigProvider.getConfig(), "statement-cost", GraphQLConfig.DEFAULT_STATEMENT_COST);
        var costed = SchemaTransformer.transformSchema(subgraph, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLFieldDefinition(graphql.schema.GraphQLFieldDefinition node,
                    TraverserContext<GraphQLSchemaElement> context) {
                if (!node.getName().equals("_entities") || !(context.getParentNode() instanceof GraphQLObjectType parent)
                        || !parent.getName().equals(subgraph.getQueryType().getName())) {
                    return TraversalControl.CONTINUE;
                }
                return changeNode(context, node.transform(field -> field.withAppliedDirective(CostDirectives.cost(scalars, 1 + statementCost))
                        .withAppliedDirective(CostDirectives.listSize(scalars, CostDirectives.MAX_IDS, List.of(), List.of()))));
            }
        });
        return GraphQLSchema.newSchema(costed);
    }
}
