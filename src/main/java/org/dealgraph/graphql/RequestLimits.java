package org.dealgraph.graphql;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import jakarta.json.Json;

import org.dealgraph.api.Page;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.ExecutionContext;
import graphql.introspection.Introspection;
import graphql.language.ArrayValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.graphql.spi.EventingService;

/**
 * The limits a GraphQL request meets before any resolver (and so any Cypher) runs: its depth, its cost and the
 * page sizes it asks for (the parser's token limit is {@link GraphQLOverHttp}'s). Every refusal is an error with {@code extensions.code}
 * {@code LIMIT_EXCEEDED}, the {@code limit} that answered, its {@code maximum} and the {@code measured} value.
 * <p>
 * The cost counts rows, not fields, as the GraphQL Cost Directives specification computes it from what the schema
 * publishes ({@link CostDirectives}): an object costs one plus what is selected under it, a scalar nothing, a list
 * multiplies by how many elements it can hold — a page's {@code first}/{@code last} (or the default page size) for a
 * connection's {@code nodes} and {@code edges}, the ids given for {@code nodes(ids:)}, a nominal size (3) for lists
 * that are not paged: an agreement's parties, sources and tranches are a few — and a root field, which runs a
 * statement of its own, weighs {@code 1 + statement-cost}. Nested lists multiply. A company's agreements count as
 * their {@code first} when given, else as 3, though that list answers up to 100 without {@code first}: what the
 * estimate admits is held to {@link RequestBudget} while it runs.
 */
public class RequestLimits implements EventingService {

    public static final String CODE = "LIMIT_EXCEEDED";

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        var config = ConfigProvider.getConfig();
        // An eventing service is made by the service loader and outlives a dev-mode reload, so it cannot hold the
        // application's GraphQLConfig bean: it reads the same keys, with the mapping's defaults.
        int maxDepth = setting(config, "max-depth", GraphQLConfig.DEFAULT_MAX_DEPTH);
        int maxCost = setting(config, "max-cost", GraphQLConfig.DEFAULT_MAX_COST);
        int unpagedListSize = setting(config, "unpaged-list-size", GraphQLConfig.DEFAULT_UNPAGED_LIST_SIZE);
        var budget = new RequestBudget(setting(config, "max-rows", GraphQLConfig.DEFAULT_MAX_ROWS),
                config.getOptionalValue(GraphQLConfig.PREFIX + ".max-bytes", MemorySize.class)
                        .map(MemorySize::asLongValue)
                        .orElse(new MemorySizeConverter().convert(GraphQLConfig.DEFAULT_MAX_BYTES).asLongValue()),
                config.getOptionalValue(GraphQLConfig.PREFIX + ".timeout", Duration.class).orElse(Duration.ofSeconds(10)));
        int maxTokens = config.getOptionalValue("quarkus.smallrye-graphql.parser-max-tokens", Integer.class).orElse(15_000);
        // SmallRye sets its token limit on the parser options for SDL; graphql-java parses requests with the
        // operation parser options, which would keep graphql-java's default (15,000) without this.
        ParserOptions.setDefaultOperationParserOptions(
                ParserOptions.getDefaultOperationParserOptions().transform(options -> options.maxTokens(maxTokens)));
        // SmallRye's own instrumentation (its query cache) stays; ours runs first.
        var existing = builder.build().getInstrumentation();
        return builder.instrumentation(OperationInstrumentation.of(List.of(
                new EngineAllowList(), new Depth(maxDepth), new Cost(maxCost, unpagedListSize), new ValidationCodes(), budget,
                existing)));
    }

    /** A dealgraph.graphql setting as the schema and engine steps read it: they are made by the service loader, not CDI. */
    static int setting(Config config, String name, String fallback) {
        return config.getOptionalValue(GraphQLConfig.PREFIX + "." + name, Integer.class).orElse(Integer.parseInt(fallback));
    }

    /** A limit error as graphql-java carries it; SmallRye shows a validation error's extensions. */
    static GraphQLError error(String limit, String message, long maximum, Long measured) {
        return ValidationError.newValidationError().validationErrorType(ValidationErrorType.UnknownOperation)
                .description(message).extensions(extensions(limit, maximum, measured)).build();
    }

    /** What every limit error says in its extensions: the code, the limit, its maximum and what was measured. */
    static Map<String, Object> extensions(String limit, long maximum, Long measured) {
        var extensions = new LinkedHashMap<String, Object>();
        extensions.put("code", CODE);
        extensions.put("limit", limit);
        // SmallRye writes extension values that are not JSON values as text.
        extensions.put("maximum", Json.createValue(maximum));
        if (measured != null) {
            extensions.put("measured", Json.createValue(measured));
        }
        return extensions;
    }

    private static AbortExecutionException abort(String limit, String message, long maximum, Long measured) {
        return new AbortExecutionException(List.of(error(limit, message, maximum, measured)));
    }

    static final class Depth extends MaxQueryDepthInstrumentation {
        Depth(int maxDepth) {
            super(maxDepth);
        }

        @Override
        protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
            return abort("depth", "The request is " + depth + " levels deep; at most " + maxDepth + " are allowed", maxDepth, (long) depth);
        }
    }

    /**
     * The request's cost as the GraphQL Cost Directives specification computes it from the directives the schema
     * publishes ({@link CostDirectives}), refused over the maximum before any resolver runs, and given in every
     * answer's {@code extensions.cost} ({@code estimated}, {@code maximum}) as a gateway's demand control reports it.
     */
    static final class Cost extends SimplePerformantInstrumentation {

        static final String EXTENSION = "cost";

        private final int maxCost;
        private final SpecCost rule;

        Cost(int maxCost, int unpagedListSize) {
            this.maxCost = maxCost;
            this.rule = new SpecCost(unpagedListSize);
        }

        /** The cost of this request, once known. */
        static final class Measured implements InstrumentationState {
            volatile Integer cost;
        }

        @Override
        public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
            return CompletableFuture.completedFuture(new Measured());
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            var execution = parameters.getExecutionContext();
            long cost = rule.of(execution);
            if (execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION) {
                cost += CostDirectives.MUTATION_BASE;
            }
            if (cost > maxCost) {
                throw abort("cost", "The request could read up to " + cost + " rows (each object of each list counted, each "
                        + "root field " + "as a statement; see @cost and @listSize in the schema); at most " + maxCost
                        + " are allowed: ask for smaller pages or fewer lists", maxCost, cost);
            }
            if (state instanceof Measured measured) {
                measured.cost = SpecCost.saturated(cost);
            }
            return SimpleInstrumentationContext.noOp();
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            if (!(state instanceof Measured measured) || measured.cost == null) {
                return CompletableFuture.completedFuture(result);
            }
            var figure = new LinkedHashMap<String, Object>();
            figure.put("estimated", measured.cost);
            figure.put("maximum", maxCost);
            return CompletableFuture.completedFuture(result.transform(b -> b.addExtension(EXTENSION, figure)));
        }
    }

    /**
     * The specification's cost of an operation, from the schema's {@code @cost} and {@code @listSize}: each field its
     * weight (the field's {@code @cost}, else its type's, else 1 for an object and 0 for a scalar) plus the cost of its
     * selection, times the elements it can hold (a slicing argument's value, else what the parent's {@code sizedFields}
     * gives it, else {@code assumedSize}; the ids given to {@code nodes(ids:)} and {@code _entities}; a list with no
     * {@code @listSize} the unpaged size). Every use of a fragment counts. Page sizes over the maximum are refused here.
     */
    record SpecCost(int unpagedListSize) {

        long of(ExecutionContext execution) {
            var schema = execution.getGraphQLSchema();
            var operation = execution.getOperationDefinition();
            var root = switch (operation.getOperation()) {
                case MUTATION -> schema.getMutationType();
                case SUBSCRIPTION -> schema.getSubscriptionType();
                default -> schema.getQueryType();
            };
            return selections(new Walk(schema, execution.getFragmentsByName(), execution.getCoercedVariables().toMap()), root,
                    operation.getSelectionSet(), Map.of());
        }

        private record Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Map<String, Object> variables) {
        }

        private long selections(Walk walk, GraphQLType type, SelectionSet set, Map<String, Long> sized) {
            long cost = 0;
            for (var selection : set.getSelections()) {
                if (selection instanceof Field field) {
                    var definition = field.getName().equals(Introspection.SchemaMetaFieldDef.getName()) ? Introspection.SchemaMetaFieldDef
                            : field.getName().equals(Introspection.TypeMetaFieldDef.getName()) ? Introspection.TypeMetaFieldDef
                            : type instanceof GraphQLFieldsContainer container ? container.getFieldDefinition(field.getName()) : null;
                    if (definition != null) {
                        cost += field(walk, definition, field, sized.get(field.getName()));
                    }
                } else if (selection instanceof InlineFragment inline) {
                    var on = inline.getTypeCondition() == null ? type : walk.schema().getType(inline.getTypeCondition().getName());
                    cost += selections(walk, on, inline.getSelectionSet(), sized);
                } else if (selection instanceof FragmentSpread spread && walk.fragments().get(spread.getName()) != null) {
                    var fragment = walk.fragments().get(spread.getName());
                    cost += selections(walk, walk.schema().getType(fragment.getTypeCondition().getName()), fragment.getSelectionSet(), sized);
                }
                cost = Math.min(cost, Integer.MAX_VALUE);
            }
            return cost;
        }

        private long field(Walk walk, GraphQLFieldDefinition definition, Field field, Long upstream) {
            var arguments = new java.util.HashMap<String, Object>();
            for (var argument : field.getArguments()) {
                arguments.put(argument.getName(), value(argument.getValue(), walk.variables()));
            }
            var sizing = definition.getAppliedDirective(CostDirectives.LIST_SIZE);
            var sizedFields = sizing == null ? List.<String>of() : strings(sizing, "sizedFields");
            long own = sizing == null ? -1 : size(sizing, arguments, definition.getName());
            var named = GraphQLTypeUtil.unwrapAll(definition.getType());
            var weight = weight(definition);
            var typed = named instanceof GraphQLDirectiveContainer container ? weight(container) : OptionalLong.empty();
            long w = weight.isPresent() ? weight.getAsLong() : typed.isPresent() ? typed.getAsLong() : named instanceof GraphQLCompositeType ? 1 : 0;
            long instances;
            if (upstream != null) {
                instances = upstream;
            } else if (arguments.get("ids") instanceof Collection<?> given) {
                // One element per id given (repeats included: each is answered): at most the assumedSize published, as
                // the specification sizes lists by Int arguments only.
                instances = given.size();
            } else if (arguments.get("representations") instanceof Collection<?> given) {
                instances = given.size();
            } else if (sizing != null && sizedFields.isEmpty()) {
                instances = own;
            } else {
                instances = GraphQLTypeUtil.unwrapNonNull(definition.getType()) instanceof GraphQLList ? unpagedListSize : 1;
            }
            var childSized = new java.util.HashMap<String, Long>();
            sizedFields.forEach(name -> childSized.put(name, own));
            long children = field.getSelectionSet() == null ? 0 : selections(walk, named, field.getSelectionSet(), childSized);
            return Math.min(Integer.MAX_VALUE, instances * (w + children));
        }

        private static Object value(graphql.language.Value<?> value, Map<String, Object> variables) {
            if (value instanceof VariableReference variable) {
                return variables.get(variable.getName());
            }
            if (value instanceof IntValue integer) {
                return integer.getValue();
            }
            if (value instanceof ArrayValue array) {
                return array.getValues();
            }
            return null;
        }

        /** The elements a field sized by {@code sizing} holds, as its arguments say. */
        private static long size(GraphQLAppliedDirective sizing, Map<String, Object> arguments, String field) {
            long size = -1;
            for (var name : strings(sizing, "slicingArguments")) {
                // Only a value that is an Int: any other (1e12, a Long) is graphql-java's to refuse as a bad argument.
                var number = asInt(arguments.get(name));
                if (number != null) {
                    if (number.longValue() > Page.MAX_SIZE) {
                        throw abort("pageSize", "Argument '" + name + "' of " + field + " asks for " + number + " rows; a page holds at most "
                                + Page.MAX_SIZE, Page.MAX_SIZE, number.longValue());
                    }
                    size = Math.max(size, Math.max(0, number.longValue()));
                }
            }
            if (size >= 0) {
                return size;
            }
            var assumed = sizing.getArgument("assumedSize");
            return assumed != null && assumed.getValue() instanceof Number number ? number.longValue() : 1;
        }

        /** The value as an Int when it is one (whatever Java type the variables gave it), else null. */
        private static Integer asInt(Object value) {
            if (!(value instanceof Number number)) {
                return null;
            }
            try {
                return new java.math.BigDecimal(number.toString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
        }

        private static OptionalLong weight(GraphQLDirectiveContainer element) {
            var cost = element.getAppliedDirective(CostDirectives.COST);
            return cost != null && cost.getArgument("weight").getValue() instanceof Number weight ? OptionalLong.of(weight.longValue())
                    : OptionalLong.empty();
        }

        private static List<String> strings(GraphQLAppliedDirective directive, String argument) {
            var value = directive.getArgument(argument);
            return value == null || value.getValue() == null ? List.of() : value.getValue();
        }

        static int saturated(long cost) {
            return (int) Math.min(Integer.MAX_VALUE, cost);
        }
    }
}
