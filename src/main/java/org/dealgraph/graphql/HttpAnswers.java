package org.dealgraph.graphql;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * What a GraphQL request over HTTP is (its body, its type, its one operation) and how one refused before the engine is answered: a GraphQL error with its code, as JSON or graphql-response+json.
 */
final class HttpAnswers {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    private HttpAnswers() {
    }

    static String twice(String value) {
        var once = URLEncoder.encode(value, StandardCharsets.UTF_8);
        return URLEncoder.encode(once, StandardCharsets.UTF_8);
    }

    /** The document with only the named operation and the fragments; as it is when it has one operation or does not parse. */
    static String onlyOperation(String query, String operationName) {
        if (operationName == null || operationName.isBlank()) {
            return query;
        }
        try {
            var document = Parser.parse(query);
            var operations = document.getDefinitionsOfType(OperationDefinition.class);
            if (operations.size() < 2) {
                return query;
            }
            var kept = new ArrayList<Definition>();
            for (var definition : document.getDefinitions()) {
                if (!(definition instanceof OperationDefinition op) || operationName.equals(op.getName())) {
                    kept.add(definition);
                }
            }
            return AstPrinter.printAstCompact(document.transform(d -> d.definitions(kept)));
        } catch (RuntimeException e) {
            return query;
        }
    }

    /** Apollo's clients look for this message (and code) and resend the document with its hash. */
    static void notFound(RoutingContext context) {
        context.response().setStatusCode(200).putHeader("Content-Type", contentType(context)).putHeader("Cache-Control", "no-store")
                .end(Json.encode(Map.of("errors", List.of(error("PersistedQueryNotFound", null, "PERSISTED_QUERY_NOT_FOUND")))));
    }

    static void notAllowed(RoutingContext context) {
        context.response().setStatusCode(403).putHeader("Content-Type", contentType(context))
                .end(Json.encode(Map.of("errors", List.of(error("Only registered queries run here: send the sha256Hash of a registered "
                        + "document in extensions.persistedQuery", null, "PERSISTED_QUERY_NOT_ALLOWED")))));
    }

    static String contentType(RoutingContext context) {
        return wantsGraphqlResponse(context) ? GRAPHQL_RESPONSE : "application/json";
    }

    /** A JSON request body must be an object (or a batch of them); anything else is refused before the engine reads it. */
    static boolean looksLikeJson(RoutingContext context) {
        var buffer = context.body().buffer();
        if (buffer == null) {
            return false;
        }
        for (int i = 0; i < buffer.length(); i++) {
            var c = (char) buffer.getByte(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    /** A lenient decoder would turn every unreadable byte into U+FFFD and run the request on the result. */
    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static Object queryOf(RoutingContext context) {
        try {
            var body = context.body().asJsonObject();
            return body == null ? null : body.getValue("query");
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Map<String, Object> error(String message, List<Map<String, Object>> locations, String code) {
        var error = new LinkedHashMap<String, Object>();
        error.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            error.put("locations", locations);
        }
        error.put("extensions", Map.of("classification", "ValidationError", "code", code));
        return error;
    }

    static void respond(RoutingContext context, List<Map<String, Object>> errors) {
        context.response().setStatusCode(400).putHeader("Content-Type", GRAPHQL_RESPONSE)
                .end(Json.encode(Map.of("errors", errors)));
    }

    /**
     * A request that is not a GraphQL-over-HTTP request at all (not a JSON object, no query string) is the client's
     * error whatever it accepts: 400 with a code, for plain JSON clients too (who get 200 only for documents that
     * fail to parse or validate). A body that names only a persisted query has been given its document already.
     */
    static boolean wellFormed(RoutingContext context) {
        JsonObject body;
        try {
            body = context.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        String problem = null;
        if (body == null) {
            problem = "The request body is not a JSON object";
        } else if (!(body.getValue("query") instanceof String)
                && !(body.getValue("extensions") instanceof JsonObject extensions && extensions.containsKey("persistedQuery"))) {
            problem = "The request body needs a 'query' string";
        }
        if (problem == null) {
            return true;
        }
        context.response().setStatusCode(400).putHeader("Content-Type", contentType(context))
                .end(Json.encode(Map.of("errors", List.of(error(problem, null, "BAD_REQUEST")))));
        return false;
    }

    static boolean wantsGraphqlResponse(RoutingContext context) {
        var accept = context.request().getHeader("Accept");
        return accept != null && accept.contains(GRAPHQL_RESPONSE);
    }

    static boolean isJson(RoutingContext context) {
        var type = context.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /**
     * Whether the document holds a mutation or subscription, whichever operation the parameters name: a name that
     * matches no operation (or the engine reading the parameters its own way) must not let one run over GET.
     */
    static boolean isMutation(String query) {
        try {
            return Parser.parse(query).getDefinitionsOfType(OperationDefinition.class).stream()
                    .anyMatch(op -> op.getOperation() == OperationDefinition.Operation.MUTATION
                            || op.getOperation() == OperationDefinition.Operation.SUBSCRIPTION);
        } catch (RuntimeException e) {
            // Not parseable: the GraphQL engine answers with its own parse error.
            return false;
        }
    }

    /** An If-None-Match list against an ETag, as RFC 9110 compares them (W/ or not, *). */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (var candidate : ifNoneMatch.split(",")) {
            var value = candidate.strip();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals("*") || value.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** The SHA-256 of an automatic persisted query in a request's extensions (JSON text or object); null without one. */
    static String persistedHash(Object extensions) {
        if (extensions == null) {
            return null;
        }
        try {
            var json = extensions instanceof JsonObject object ? object : new JsonObject(extensions.toString());
            var persisted = json.getJsonObject("persistedQuery");
            return persisted == null ? null : persisted.getString("sha256Hash");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A client that states no preference ({@code Accept} absent or {@code *}{@code /*}) gets {@code application/json}, which
     * every client reads; the engine would answer {@code application/graphql-response+json}.
     */
    static void plainJsonByDefault(RoutingContext context) {
        var accept = context.request().getHeader("Accept");
        if (accept == null || accept.isBlank() || accept.strip().equals("*/*")) {
            context.request().headers().set("Accept", "application/json");
        }
    }
}
