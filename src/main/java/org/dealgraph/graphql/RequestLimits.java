package org.dealgraph.graphql;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;

import org.dealgraph.api.Page;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLFieldDefinition;
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
 * The cost counts rows, not fields: a field costs one plus what is selected under it, and under a list that is
 * multiplied by how many elements the list can hold — a page's {@code first}/{@code last} (or the default page
 * size) for a connection's {@code nodes} and {@code edges}, the ids given for {@code nodes(ids:)}, a nominal size (3)
 * for lists that are not paged: an agreement's parties, sources and tranches are a few. Nested lists multiply, so 300
 * aliases of {@code agreements(first: 100)} cost at least 30,000. A company's agreements count as their {@code first}
 * when given, else as 3, though that list answers up to 100 without {@code first}: what the estimate admits is held to
 * {@link RequestBudget} while it runs.
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
        int statementCost = setting(config, "statement-cost", GraphQLConfig.DEFAULT_STATEMENT_COST);
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
                new EngineAllowList(), new Depth(maxDepth), new Cost(maxCost, unpagedListSize, statementCost), new ValidationCodes(), budget,
                existing)));
    }

    private static int setting(Config config, String name, String fallback) {
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

    static final class Cost extends MaxQueryComplexityInstrumentation {
        Cost(int maxCost, int unpagedListSize, int statementCost) {
            super(maxCost, new RowCost(unpagedListSize, statementCost));
        }

        @Override
        protected AbortExecutionException mkAbortException(int cost, int maxCost) {
            return abort("cost", "The request could read up to " + cost + " values (each field of each row counted); at most "
                    + maxCost + " are allowed: ask for smaller pages or fewer fields", maxCost, (long) cost);
        }
    }

    /**
     * One plus the cost below, times the rows a list can hold; page sizes over the maximum are refused here. A field
     * of the root type runs a statement of its own, and costs {@code statementCost} more: 450 look-ups side by side
     * are 450 statements, whatever they select.
     */
    record RowCost(int unpagedListSize, int statementCost) implements FieldComplexityCalculator {

        @Override
        public int calculate(FieldComplexityEnvironment environment, int childComplexity) {
            var definition = environment.getFieldDefinition();
            var parent = environment.getParentEnvironment();
            long own = parent == null && !definition.getName().startsWith("__") ? 1L + statementCost : 1L;
            int size = pageSize(environment.getArguments(), definition);
            var type = GraphQLTypeUtil.unwrapNonNull(definition.getType());
            if (!(type instanceof GraphQLList) || GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(type))) {
                return saturated(own + childComplexity);
            }
            // A connection's nodes and edges hold as many rows as the connection's page; a list inside a list is its own.
            int parentSize = parent == null || GraphQLTypeUtil.unwrapNonNull(parent.getFieldDefinition().getType()) instanceof GraphQLList
                    ? -1 : pageSize(parent.getArguments(), parent.getFieldDefinition());
            long rows = parentSize >= 0 ? parentSize : size >= 0 ? size : listed(environment.getArguments());
            return saturated(own + rows * childComplexity);
        }

        /** A list asked for by ids holds one element per id given (repeats included: each is answered); others count as few. */
        private long listed(Map<String, Object> arguments) {
            return arguments.get("ids") instanceof Collection<?> ids ? ids.size() : unpagedListSize;
        }

        /** The page a field asks for; -1 when the field is not paged. */
        private static int pageSize(Map<String, Object> arguments, GraphQLFieldDefinition definition) {
            if (definition.getArgument("first") == null && definition.getArgument("last") == null) {
                return -1;
            }
            // The size given, whichever way the page is read ('first' forwards or 'last' backwards).
            var argument = arguments.get("first") instanceof Number ? "first" : arguments.get("last") instanceof Number ? "last" : "first";
            if (!(arguments.get(argument) instanceof Number)
                    && GraphQLTypeUtil.unwrapNonNull(definition.getType()) instanceof GraphQLList) {
                // A plain list with an optional 'first' (a company's agreements) answers at most a page without one, but
                // is counted as a few: as the page's maximum, every frontend's company-and-its-deals view would be refused.
                // What the few understate is held to the request's budget (RequestBudget) while it runs.
                return -1;
            }
            var value = arguments.get(argument) instanceof Number number ? number.intValue() : Page.DEFAULT_SIZE;
            if (value > Page.MAX_SIZE) {
                throw abort("pageSize", "Argument '" + argument + "' of " + definition.getName() + " asks for " + value
                        + " rows; a page holds at most " + Page.MAX_SIZE, Page.MAX_SIZE, (long) value);
            }
            return Math.max(0, value);
        }

        private static int saturated(long cost) {
            return (int) Math.min(Integer.MAX_VALUE, cost);
        }
    }
}
