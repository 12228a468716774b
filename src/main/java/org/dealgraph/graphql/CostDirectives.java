package org.dealgraph.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.dealgraph.api.Page;
import org.eclipse.microprofile.config.ConfigProvider;

import graphql.introspection.Introspection.DirectiveLocation;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * The service's cost rule, published in the schema as the GraphQL Cost Directives specification (IBM, adopted by
 * Apollo Federation 2.9) writes it, so that a gateway computing the specification's cost gets the figure the service
 * enforces ({@link RequestLimits.SpecCost} reads these same directives):
 * <ul>
 * <li>a field costs its weight plus the cost of its selection, times how many elements it can hold; an object's weight
 * is 1, a scalar's or enum's 0 (so the cost counts rows, not fields);</li>
 * <li>every root field runs a statement of its own: {@code @cost(weight: 1 + statement-cost)};</li>
 * <li>a page ({@code first}/{@code last}) holds what it asks for: {@code @listSize(slicingArguments: ["first", "last"])},
 * with {@code sizedFields: ["edges", "nodes"]} on a connection and {@code assumedSize} when neither is given (20 for a
 * connection, the unpaged size for a plain list); {@code nodes(ids:)} and {@code _entities(representations:)}
 * {@code assumedSize: 100}, the most accepted (the specification sizes lists by Int arguments only; the service counts
 * the ids given, so for these two its figure is at most the published one); every other list of objects
 * {@code assumedSize: unpaged-list-size} (3).</li>
 * </ul>
 * An operation that is a mutation adds 10, as the specification's base cost of a mutation.
 */
public class CostDirectives implements EventingService {

    static final String COST = "cost";
    static final String LIST_SIZE = "listSize";
    static final int MUTATION_BASE = 10;
    static final int MAX_IDS = 100;
    private static final Set<String> SLICING = Set.of("first", "last");

    /** The schema's own Int, String and Boolean: SmallRye defines scalars of its own with graphql-java's names. */
    record Scalars(GraphQLScalarType integer, GraphQLScalarType string, GraphQLScalarType bool) {

        static Scalars of(GraphQLSchema schema) {
            return new Scalars(scalar(schema, graphql.Scalars.GraphQLInt), scalar(schema, graphql.Scalars.GraphQLString),
                    scalar(schema, graphql.Scalars.GraphQLBoolean));
        }

        private static GraphQLScalarType scalar(GraphQLSchema schema, GraphQLScalarType builtIn) {
            return schema.getType(builtIn.getName()) instanceof GraphQLScalarType own ? own : builtIn;
        }

        GraphQLList strings() {
            return GraphQLList.list(GraphQLNonNull.nonNull(string));
        }

        GraphQLDirective costDefinition() {
            return GraphQLDirective.newDirective().name(COST)
                    .description("What one element of this field costs, replacing its type's weight (GraphQL Cost Directives).")
                    .argument(GraphQLArgument.newArgument().name("weight").type(GraphQLNonNull.nonNull(integer)))
                    .validLocations(DirectiveLocation.ARGUMENT_DEFINITION, DirectiveLocation.ENUM, DirectiveLocation.FIELD_DEFINITION,
                            DirectiveLocation.INPUT_FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.SCALAR)
                    .build();
        }

        GraphQLDirective listSizeDefinition() {
            return GraphQLDirective.newDirective().name(LIST_SIZE)
                    .description("How many elements this list holds: the value of a slicing argument, else assumedSize; sizedFields "
                            + "are the lists of the returned object sized so (GraphQL Cost Directives).")
                    .argument(GraphQLArgument.newArgument().name("assumedSize").type(integer))
                    .argument(GraphQLArgument.newArgument().name("slicingArguments").type(strings()))
                    .argument(GraphQLArgument.newArgument().name("sizedFields").type(strings()))
                    .argument(GraphQLArgument.newArgument().name("requireOneSlicingArgument").type(bool).defaultValueProgrammatic(true))
                    .validLocations(DirectiveLocation.FIELD_DEFINITION)
                    .build();
        }
    }

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        var config = ConfigProvider.getConfig();
        int statementCost = RequestLimits.setting(config, "statement-cost", GraphQLConfig.DEFAULT_STATEMENT_COST);
        int unpaged = RequestLimits.setting(config, "unpaged-list-size", GraphQLConfig.DEFAULT_UNPAGED_LIST_SIZE);
        var base = builder.build();
        var scalars = Scalars.of(base);
        var schema = GraphQLSchema.newSchema(base).additionalDirective(scalars.costDefinition())
                .additionalDirective(scalars.listSizeDefinition()).build();
        var roots = new java.util.HashSet<String>();
        for (var root : java.util.Arrays.asList(schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType())) {
            if (root != null) {
                roots.add(root.getName());
            }
        }
        var published = SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition node, TraverserContext<GraphQLSchemaElement> context) {
                if (!(context.getParentNode() instanceof GraphQLFieldsContainer parent) || parent.getName().startsWith("__")
                        || node.getName().startsWith("__")) {
                    return TraversalControl.CONTINUE;
                }
                var applied = new ArrayList<GraphQLAppliedDirective>();
                if (roots.contains(parent.getName())) {
                    applied.add(cost(scalars, 1 + statementCost));
                }
                // A connection's edges and nodes are sized by the field that returns it (sizedFields).
                if (!(parent.getFieldDefinition("pageInfo") != null && Set.of("edges", "nodes").contains(node.getName()))) {
                    listSize(scalars, node, unpaged).ifPresent(applied::add);
                }
                if (applied.isEmpty()) {
                    return TraversalControl.CONTINUE;
                }
                return changeNode(context, node.transform(field -> applied.forEach(field::withAppliedDirective)));
            }
        });
        return GraphQLSchema.newSchema(published);
    }

    static GraphQLAppliedDirective cost(Scalars scalars, int weight) {
        return GraphQLAppliedDirective.newDirective().name(COST)
                .argument(GraphQLAppliedDirectiveArgument.newArgument().name("weight").type(GraphQLNonNull.nonNull(scalars.integer()))
                        .valueLiteral(IntValue.of(weight)))
                .build();
    }

    /** The size a field's list is published with, if it holds objects: see the class comment. */
    static Optional<GraphQLAppliedDirective> listSize(Scalars scalars, GraphQLFieldDefinition field, int unpaged) {
        var type = GraphQLTypeUtil.unwrapNonNull(field.getType());
        if (!(GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLCompositeType named)) {
            return Optional.empty();
        }
        var slicing = field.getArguments().stream().map(GraphQLArgument::getName).filter(SLICING::contains).sorted().toList();
        if (type instanceof GraphQLList) {
            if (!slicing.isEmpty()) {
                return Optional.of(listSize(scalars, unpaged, slicing, List.of()));
            }
            if (field.getArgument("ids") != null) {
                return Optional.of(listSize(scalars, MAX_IDS, List.of(), List.of()));
            }
            return Optional.of(listSize(scalars, unpaged, List.of(), List.of()));
        }
        if (!slicing.isEmpty() && named instanceof GraphQLFieldsContainer container) {
            var sized = java.util.stream.Stream.of("edges", "nodes").filter(name -> container.getFieldDefinition(name) != null).toList();
            if (!sized.isEmpty()) {
                return Optional.of(listSize(scalars, Page.DEFAULT_SIZE, slicing, sized));
            }
        }
        return Optional.empty();
    }

    static GraphQLAppliedDirective listSize(Scalars scalars, int assumedSize, List<String> slicing, List<String> sized) {
        var directive = GraphQLAppliedDirective.newDirective().name(LIST_SIZE)
                .argument(GraphQLAppliedDirectiveArgument.newArgument().name("assumedSize").type(scalars.integer())
                        .valueLiteral(IntValue.of(assumedSize)));
        if (!slicing.isEmpty()) {
            directive.argument(GraphQLAppliedDirectiveArgument.newArgument().name("slicingArguments")
                    .type(scalars.strings())
                    .valueLiteral(ArrayValue.newArrayValue().values(slicing.stream().<graphql.language.Value>map(StringValue::of).toList()).build()));
            // A page is read forwards or backwards: either argument sizes it, and a client may send both.
            directive.argument(GraphQLAppliedDirectiveArgument.newArgument().name("requireOneSlicingArgument").type(scalars.bool())
                    .valueLiteral(BooleanValue.of(false)));
        }
        if (!sized.isEmpty()) {
            directive.argument(GraphQLAppliedDirectiveArgument.newArgument().name("sizedFields")
                    .type(scalars.strings())
                    .valueLiteral(ArrayValue.newArrayValue().values(sized.stream().<graphql.language.Value>map(StringValue::of).toList()).build()));
        }
        return directive.build();
    }
}
