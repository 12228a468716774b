package org.dealgraph.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.schema.GraphQLSchema;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The GraphQL-over-HTTP rules the engine leaves to us: a GET may only read (a mutation over GET gets 405), and a
 * client that accepts {@code application/graphql-response+json} gets 400 for a request that is not well-formed
 * JSON, cannot be parsed or does not validate against the schema, as the specification asks.
 */
@ApplicationScoped
public class GraphQLOverHttp {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    /** Documents known to parse and validate, kept up to this many: a client sends the same few again and again. */
    private static final int VALID_KEPT = 2048;

    private final Instance<GraphQLSchema> schema;
    private final Map<String, Boolean> valid = new ConcurrentHashMap<>();
    private final int maxTokens;
    private final MemorySize maxBody;

    GraphQLOverHttp(Instance<GraphQLSchema> schema,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens", defaultValue = "15000") int maxTokens,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody) {
        this.schema = schema;
        this.maxTokens = maxTokens;
        // The same limit as every other endpoint: this route reads its body itself.
        this.maxBody = maxBody;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.GET, "/graphql").order(-100).handler(this::onGet);
        router.route(HttpMethod.POST, "/graphql").order(-101).handler(BodyHandler.create().setBodyLimit(maxBody.asLongValue()));
        router.route(HttpMethod.POST, "/graphql").order(-100).handler(this::onPost);
    }

    private void onGet(RoutingContext context) {
        var query = context.request().getParam("query");
        if (query != null && isMutation(query, context.request().getParam("operationName"))) {
            context.response().setStatusCode(405).putHeader("Allow", "POST").putHeader("Content-Type", "application/json")
                    .end("{\"errors\":[{\"message\":\"Mutations are not allowed over GET; send them with POST\","
                            + "\"extensions\":{\"code\":\"METHOD_NOT_ALLOWED\"}}]}");
            return;
        }
        if (query != null && refuseOverTokenLimit(context, query)) {
            return;
        }
        if (query != null && wantsGraphqlResponse(context) && refuseInvalid(context, query, context.request().getParam("operationName"))) {
            return;
        }
        context.next();
    }

    private void onPost(RoutingContext context) {
        if (context.body().buffer() != null && !isUtf8(context.body().buffer().getBytes())) {
            var strict = wantsGraphqlResponse(context);
            context.response().setStatusCode(400).putHeader("Content-Type", strict ? GRAPHQL_RESPONSE : "application/json")
                    .end(Json.encode(Map.of("errors", List.of(error("The request body is not valid UTF-8", null, "BAD_REQUEST")))));
            return;
        }
        if (!wantsGraphqlResponse(context) || !isJson(context)) {
            // Only a body longer than the token limit can hold a document over it: the rest pass untouched.
            if (isJson(context) && context.body().length() > maxTokens && queryOf(context) instanceof String query
                    && refuseOverTokenLimit(context, query)) {
                return;
            }
            context.next();
            return;
        }
        JsonObject body;
        try {
            body = context.body().asJsonObject();
        } catch (RuntimeException e) {
            respond(context, List.of(error("The request body is not a JSON object", null, "BAD_REQUEST")));
            return;
        }
        if (body == null || !(body.getValue("query") instanceof String query)) {
            respond(context, List.of(error("The request body needs a 'query' string", null, "BAD_REQUEST")));
            return;
        }
        if (refuseOverTokenLimit(context, query)) {
            return;
        }
        if (!refuseInvalid(context, query, body.getValue("operationName") instanceof String name ? name : null)) {
            context.next();
        }
    }

    /** A lenient decoder would turn every unreadable byte into U+FFFD and run the request on the result. */
    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Object queryOf(RoutingContext context) {
        try {
            var body = context.body().asJsonObject();
            return body == null ? null : body.getValue("query");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The parser's token limit, answered as a limit error for every client. SmallRye parses the document itself
     * before graphql-java would report it, and then says no more than "Unparseable input document".
     */
    private boolean refuseOverTokenLimit(RoutingContext context, String query) {
        if (query.length() <= maxTokens) {
            return false;
        }
        try {
            new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(maxTokens))).build());
            return false;
        } catch (ParseCancelledException e) {
            var extensions = Map.<String, Object>of("classification", "ValidationError", "code", RequestLimits.CODE,
                    "limit", "tokens", "maximum", maxTokens);
            var body = Json.encode(Map.of("errors", List.of(Map.of("message", "The document has more than " + maxTokens
                    + " tokens; at most " + maxTokens + " are parsed", "extensions", extensions))));
            var strict = wantsGraphqlResponse(context);
            context.response().setStatusCode(strict ? 400 : 200).putHeader("Content-Type", strict ? GRAPHQL_RESPONSE : "application/json")
                    .end(body);
            return true;
        } catch (RuntimeException e) {
            // Any other syntax error is the engine's to report.
            return false;
        }
    }

    /** Answers 400 when the document does not parse or validate; false when it is fine and execution goes on. */
    private boolean refuseInvalid(RoutingContext context, String query, String operationName) {
        if (schema.isUnsatisfied()) {
            return false;
        }
        var key = (operationName == null ? "" : operationName) + '\u0000' + query;
        if (valid.containsKey(key)) {
            return false;
        }
        var input = ExecutionInput.newExecutionInput(query).operationName(operationName).build();
        var result = ParseAndValidate.parseAndValidate(schema.get(), input);
        if (!result.isFailure()) {
            if (valid.size() >= VALID_KEPT) {
                valid.clear();
            }
            valid.put(key, Boolean.TRUE);
            return false;
        }
        var errors = new ArrayList<Map<String, Object>>();
        var code = result.getSyntaxException() != null ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED";
        for (GraphQLError error : result.getErrors()) {
            var locations = error.getLocations() == null ? List.<Map<String, Object>>of()
                    : error.getLocations().stream().map(l -> Map.<String, Object>of("line", l.getLine(), "column", l.getColumn())).toList();
            errors.add(error(error.getMessage(), locations, code));
        }
        respond(context, errors);
        return true;
    }

    private static Map<String, Object> error(String message, List<Map<String, Object>> locations, String code) {
        var error = new LinkedHashMap<String, Object>();
        error.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            error.put("locations", locations);
        }
        error.put("extensions", Map.of("classification", "ValidationError", "code", code));
        return error;
    }

    private static void respond(RoutingContext context, List<Map<String, Object>> errors) {
        context.response().setStatusCode(400).putHeader("Content-Type", GRAPHQL_RESPONSE)
                .end(Json.encode(Map.of("errors", errors)));
    }

    private static boolean wantsGraphqlResponse(RoutingContext context) {
        var accept = context.request().getHeader("Accept");
        return accept != null && accept.contains(GRAPHQL_RESPONSE);
    }

    private static boolean isJson(RoutingContext context) {
        var type = context.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private static boolean isMutation(String query, String operationName) {
        try {
            return Parser.parse(query).getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(op -> operationName == null || operationName.equals(op.getName()))
                    .anyMatch(op -> op.getOperation() == OperationDefinition.Operation.MUTATION
                            || op.getOperation() == OperationDefinition.Operation.SUBSCRIPTION);
        } catch (RuntimeException e) {
            // Not parseable: the GraphQL engine answers with its own parse error.
            return false;
        }
    }
}
