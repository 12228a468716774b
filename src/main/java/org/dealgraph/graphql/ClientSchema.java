package org.dealgraph.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

import org.dealgraph.value.Numbers;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * What code generators and client caches need from the schema beyond what SmallRye derives from the Java types:
 * every custom scalar says how it is written ({@code @specifiedBy}), and decimals never come out in exponent form
 * ({@code 20}, not {@code 2E+1}: a value stripped of trailing zeros has a negative scale, which
 * {@link BigDecimal#toString()} — and so the JSON writer — prints with an exponent).
 */
public class ClientSchema implements EventingService {

    /** Where each custom scalar's format is written down. */
    static final Map<String, String> SPECIFIED_BY = Map.of(
            "Date", "https://scalars.graphql.org/andimarek/local-date.html",
            "DateTime", "https://scalars.graphql.org/andimarek/date-time.html",
            "BigDecimal", "https://www.rfc-editor.org/rfc/rfc8259#section-6",
            "BigInteger", "https://www.rfc-editor.org/rfc/rfc8259#section-6",
            "Long", "https://www.rfc-editor.org/rfc/rfc8259#section-6",
            "Void", "https://spec.graphql.org/October2021/#sec-Null-Value");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "Date", "A calendar date without time zone, ISO 8601 'YYYY-MM-DD' (e.g. 2026-04-27).",
            "DateTime", "A date and time with offset, RFC 3339 (e.g. 2026-04-27T09:30:00Z).",
            "BigDecimal", "An exact decimal number, written as a plain JSON number without exponent (20, 13.5, 138000000000).",
            "BigInteger", "An integer of any size, written as a plain JSON number.",
            "Long", "A 64-bit integer, written as a plain JSON number.");

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        var schema = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType node, TraverserContext<GraphQLSchemaElement> context) {
                var url = SPECIFIED_BY.get(node.getName());
                if (url == null) {
                    return TraversalControl.CONTINUE;
                }
                return changeNode(context, node.transform(scalar -> {
                    scalar.specifiedByUrl(url);
                    // The SDL printer shows applied directives, not the URL itself.
                    scalar.withAppliedDirective(GraphQLAppliedDirective.newDirective().name("specifiedBy")
                            .argument(GraphQLAppliedDirectiveArgument.newArgument().name("url")
                                    .type(GraphQLNonNull.nonNull(Scalars.GraphQLString)).valueProgrammatic(url)));
                    if (DESCRIPTIONS.containsKey(node.getName())) {
                        scalar.description(DESCRIPTIONS.get(node.getName()));
                    }
                    if (node.getName().equals("BigDecimal")) {
                        scalar.coercing(new PlainDecimal(node.getCoercing()));
                    }
                }));
            }
        });
        return GraphQLSchema.newSchema(schema.transform(b -> b.codeRegistry(byName(schema))));
    }

    /**
     * SmallRye resolves an interface's object type to the instance it built first; the schema transformations since
     * (ours and graphql-java's) replaced those instances, and graphql-java matches fragments ({@code ... on Company})
     * by instance, so every such fragment came back empty. Resolve by name in the schema that runs.
     */
    private static GraphQLCodeRegistry byName(GraphQLSchema schema) {
        var registry = schema.getCodeRegistry();
        return registry.transform(code -> {
            for (var type : schema.getAllTypesAsList()) {
                if (type instanceof GraphQLInterfaceType node) {
                    var resolver = registry.getTypeResolver(node);
                    code.typeResolver(node.getName(), env -> env.getSchema().getObjectType(resolver.getType(env).getName()));
                }
            }
        });
    }

    /** The engine's decimal coercing, answering every value with a scale of at least zero. */
    @SuppressWarnings({ "unchecked", "rawtypes", "deprecation" })
    static final class PlainDecimal implements Coercing<Object, Object> {
        private final Coercing engine;

        PlainDecimal(Coercing<?, ?> engine) {
            this.engine = engine;
        }

        static Object plain(Object value) {
            if (value instanceof BigDecimal decimal && decimal.scale() < 0) {
                return decimal.setScale(0);
            }
            if (value instanceof BigInteger integer) {
                return new BigDecimal(integer);
            }
            return value;
        }

        @Override
        public Object serialize(Object input, GraphQLContext context, Locale locale) throws CoercingSerializeException {
            return plain(engine.serialize(input, context, locale));
        }

        @Override
        public Object serialize(Object input) throws CoercingSerializeException {
            return plain(engine.serialize(input));
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
            return boundedValue(engine.parseValue(boundedText(input), context, locale));
        }

        @Override
        public Object parseValue(Object input) throws CoercingParseValueException {
            return boundedValue(engine.parseValue(boundedText(input)));
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            return boundedLiteral(engine.parseLiteral(input, variables, context, locale));
        }

        @Override
        public Object parseLiteral(Object input) throws CoercingParseLiteralException {
            return boundedLiteral(engine.parseLiteral(input));
        }

        /** A variable's text is refused by its length before a decimal of 700,000 digits is built from it. */
        private static Object boundedText(Object input) {
            if (input instanceof CharSequence text && text.length() > 80) {
                throw new CoercingParseValueException("A decimal of " + text.length() + " characters is out of bounds: a number may have "
                        + Numbers.BOUND);
            }
            return input;
        }

        private static Object boundedValue(Object value) {
            var problem = value instanceof BigDecimal decimal ? Numbers.problem(decimal) : null;
            if (problem != null) {
                throw new CoercingParseValueException(Numbers.abbreviated(value) + " " + problem);
            }
            return value;
        }

        private static Object boundedLiteral(Object value) {
            var problem = value instanceof BigDecimal decimal ? Numbers.problem(decimal) : null;
            if (problem != null) {
                throw new CoercingParseLiteralException(Numbers.abbreviated(value) + " " + problem);
            }
            return value;
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return engine.valueToLiteral(input, context, locale);
        }

        @Override
        public Value valueToLiteral(Object input) {
            return engine.valueToLiteral(input);
        }
    }
}
