package org.dealgraph.graphql;

import static org.dealgraph.graphql.HttpAnswers.*;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.dealgraph.database.GraphRevision;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.schema.GraphQLSchema;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.buffer.Buffer;
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

    /** Documents known to parse and validate, kept up to this many: a client sends the same few again and again. */
    private static final int VALID_KEPT = 2048;

    private final Instance<GraphQLSchema> schema;
    private final Map<String, Boolean> valid = new ConcurrentHashMap<>();
    private final int maxTokens;
    private final MemorySize maxBody;
    private final PersistedQueries persisted;
    private final GraphRevision revision;
    private final String cacheControl;

    GraphQLOverHttp(Instance<GraphQLSchema> schema,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens", defaultValue = "15000") int maxTokens,
            PersistedQueries persisted, GraphRevision revision, GraphQLConfig config) {
        this.schema = schema;
        this.maxTokens = maxTokens;
        // Smaller than the deal files' limit: a document and its variables, not 40 MB of JSON parsed on an event loop.
        this.maxBody = config.maxBodySize();
        this.persisted = persisted;
        this.revision = revision;
        this.cacheControl = config.getCacheControl();
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.GET, "/graphql").order(-100).handler(this::onGet);
        router.route(HttpMethod.POST, "/graphql").order(-101).handler(BodyHandler.create().setBodyLimit(maxBody.asLongValue()));
        router.route(HttpMethod.POST, "/graphql").order(-100).handler(this::onPost);
    }

    private void onGet(RoutingContext context) {
        if (context.get(REWRITTEN) != null) {
            // Routed again by forEngine: the checks are done; the tag goes on the answer (a reroute drops the hooks set before).
            String tag = context.get(ETAG);
            if (tag != null) {
                tagOnSuccess(context, tag);
            }
            requestErrorsAre400(context);
            context.next();
            return;
        }
        plainJsonByDefault(context);
        var query = context.request().getParam("query");
        var hash = persistedHash(context.request().getParam("extensions"));
        if (hash != null) {
            if (query == null) {
                var known = persisted.document(hash);
                if (known.isEmpty()) {
                    notFound(context);
                    return;
                }
                query = known.get();
            } else if (!registered(context, hash, query)) {
                return;
            }
        } else if (query != null && !persisted.allowed(query)) {
            notAllowed(context);
            return;
        }
        if (query != null && isMutation(query)) {
            context.response().setStatusCode(405).putHeader("Allow", "POST").putHeader("Content-Type", "application/json")
                    .end("{\"errors\":[{\"message\":\"Mutations are not allowed over GET; send them with POST\","
                            + "\"extensions\":{\"code\":\"METHOD_NOT_ALLOWED\"}}]}");
            return;
        }
        if (query != null && refuseOverTokenLimit(context, query)) {
            return;
        }
        if (query != null && wantsGraphqlResponse(context) && refuseInvalid(context, query, context.request().getParam("operationName"), false)) {
            return;
        }
        if (query == null) {
            context.next();
            return;
        }
        if (cacheable(context, query)) {
            return;
        }
        forEngine(context, query);
    }

    private static final String REWRITTEN = "dealgraph.get-rewritten";
    private static final String REQUEST_ERROR = "dealgraph.request-error";

    /**
     * Called by the engine's instrumentation for a result without {@code data} (a limit refused the request before
     * anything ran): the specification asks for a 4xx then, for {@code application/graphql-response+json} clients.
     */
    static void requestError() {
        try {
            var request = Arc.container().instance(CurrentVertxRequest.class);
            if (request.isAvailable() && request.get().getCurrent() != null) {
                request.get().getCurrent().put(REQUEST_ERROR, Boolean.TRUE);
            }
        } catch (RuntimeException e) {
            // No HTTP request behind this execution (a subscription): nothing to mark.
            Logger.getLogger(GraphQLOverHttp.class).debugf("request error not marked: %s", e);
        }
    }

    /** For clients of the specification's media type: a response that is a request error answers 400. */
    private static void requestErrorsAre400(RoutingContext context) {
        if (!wantsGraphqlResponse(context)) {
            return;
        }
        var response = context.response();
        context.addHeadersEndHandler(v -> {
            if (response.getStatusCode() == 200 && context.get(REQUEST_ERROR) != null) {
                response.setStatusCode(400);
                response.headers().remove("ETag");
                response.putHeader("Cache-Control", "no-store");
            }
        });
    }

    /**
     * Quarkus' GET handler (3.33) reads the parameters it is given wrongly: it URL-decodes them a second time (a '+'
     * in a string turns into a space, a '%' fails) and passes the query text as the operation name, so that any GET
     * naming its operation — what Apollo Client sends — fails. The request is routed again with its parameters
     * encoded twice and only the named operation left in the document (with its fragments), which needs no name.
     */
    private static void forEngine(RoutingContext context, String query) {
        var request = context.request();
        var document = onlyOperation(query, request.getParam("operationName"));
        var uri = new StringBuilder(request.path()).append("?query=").append(twice(document));
        for (var name : List.of("variables", "extensions")) {
            var value = request.getParam(name);
            if (value != null) {
                uri.append('&').append(name).append('=').append(twice(value));
            }
        }
        context.put(REWRITTEN, Boolean.TRUE);
        context.reroute(HttpMethod.GET, uri.toString());
    }

    /**
     * A query over GET answers with an ETag of the graph's revision (and the day, which answers "as of today" depend
     * on) and of the request; the same request with that tag in If-None-Match gets 304 without running, until a load
     * changes the graph. Only a 200 keeps the tag: an error is never revalidated into a cached success or vice versa.
     */
    private boolean cacheable(RoutingContext context, String query) {
        var request = context.request();
        var key = String.join("\u0000", revision.current().tag(), LocalDate.now(ZoneOffset.UTC).toString(), query,
                String.valueOf(request.getParam("operationName")), String.valueOf(request.getParam("variables")),
                String.valueOf(request.getHeader("Accept")));
        var tag = "\"" + PersistedQueries.sha256(key).substring(0, 32) + "\"";
        var response = context.response();
        if (matches(request.getHeader("If-None-Match"), tag)) {
            response.setStatusCode(304).putHeader("ETag", tag).putHeader("Cache-Control", cacheControl).end();
            return true;
        }
        context.put(ETAG, tag);
        return false;
    }

    private static final String ETAG = "dealgraph.etag";

    private void tagOnSuccess(RoutingContext context, String tag) {
        var response = context.response();
        context.addHeadersEndHandler(v -> {
            response.putHeader("Vary", "Accept");
            if (response.getStatusCode() == 200) {
                response.putHeader("ETag", tag).putHeader("Cache-Control", cacheControl);
            } else {
                response.putHeader("Cache-Control", "no-store");
            }
        });
    }

    /** A document sent with its hash is remembered; false (answered) when the hash is not the document's or not allowed. */
    private boolean registered(RoutingContext context, String hash, String query) {
        if (persisted.allowListOnly() && !persisted.allowed(query)) {
            notAllowed(context);
            return false;
        }
        if (!persisted.remember(hash, query)) {
            context.response().setStatusCode(400).putHeader("Content-Type", contentType(context))
                    .end(Json.encode(Map.of("errors", List.of(error("The persisted query's sha256Hash is not the SHA-256 of its query",
                            null, "PERSISTED_QUERY_HASH_MISMATCH")))));
            return false;
        }
        return true;
    }

    private void onPost(RoutingContext context) {
        plainJsonByDefault(context);
        var type = context.request().getHeader("Content-Type");
        // Only the types a browser cannot send cross-site without a preflight: a text/plain or form POST would let
        // any page make a signed-in browser run a mutation (CSRF).
        var media = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !media.equals("application/graphql")) {
            context.response().setStatusCode(415).putHeader("Accept-Post", "application/json, application/graphql")
                    .putHeader("Content-Type", contentType(context))
                    .end(Json.encode(Map.of("errors", List.of(error("A POST needs Content-Type: application/json (or application/graphql), not '" + media + "'", null, "UNSUPPORTED_MEDIA_TYPE")))));
            return;
        }
        if (context.body().buffer() != null && !isUtf8(context.body().buffer().getBytes())) {
            context.response().setStatusCode(400).putHeader("Content-Type", contentType(context))
                    .end(Json.encode(Map.of("errors", List.of(error("The request body is not valid UTF-8", null, "BAD_REQUEST")))));
            return;
        }
        if (isJson(context) && !looksLikeJson(context)) {
            context.response().setStatusCode(400).putHeader("Content-Type", contentType(context))
                    .end(Json.encode(Map.of("errors", List.of(error("The request body is not a JSON object", null, "BAD_REQUEST")))));
            return;
        }
        if (isJson(context) && (context.body().length() < 64 * 1024 && context.body().asString().contains("persistedQuery")
                || persisted.allowListOnly()) && !persistedPost(context)) {
            return;
        }
        // An application/graphql body is the document itself: under an allow-list it must be a registered one.
        if (!isJson(context) && !persisted.allowed(String.valueOf(context.body().asString()))) {
            notAllowed(context);
            return;
        }
        if (isJson(context) && !wellFormed(context)) {
            return;
        }
        if (!wantsGraphqlResponse(context) || !isJson(context)) {
            // Only a body longer than the token limit can hold a document over it: the rest pass untouched.
            if (isJson(context) && context.body().length() > maxTokens && queryOf(context) instanceof String query
                    && refuseOverTokenLimit(context, query)) {
                return;
            }
            // A document that does not parse gets its code here (SmallRye would say only "Unparseable input document");
            // plain JSON clients get 200 for it, as the GraphQL-over-HTTP spec has them.
            if (isJson(context) && queryOf(context) instanceof String query && refuseInvalid(context, query, null, true)) {
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
        if (!refuseInvalid(context, query, body.getValue("operationName") instanceof String name ? name : null, false)) {
            requestErrorsAre400(context);
            context.next();
        }
    }

    /** The persisted-query part of a POST: false when it was answered here (not found, mismatch, not allowed). */
    private boolean persistedPost(RoutingContext context) {
        JsonObject body;
        try {
            body = context.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            // Not one JSON object (a batch, say): the engine reports it; under an allow-list it does not get that far.
            if (persisted.allowListOnly()) {
                notAllowed(context);
                return false;
            }
            return true;
        }
        var hash = persistedHash(body.getValue("extensions"));
        var query = body.getValue("query") instanceof String text ? text : null;
        if (hash == null) {
            if (query != null && !persisted.allowed(query)) {
                notAllowed(context);
                return false;
            }
            return true;
        }
        if (query != null) {
            return registered(context, hash, query);
        }
        var known = persisted.document(hash);
        if (known.isEmpty()) {
            notFound(context);
            return false;
        }
        body.put("query", known.get());
        context.setBody(Buffer.buffer(body.encode()));
        return true;
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
    private boolean refuseInvalid(RoutingContext context, String query, String operationName, boolean onlyUnparseable) {
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
        if (onlyUnparseable && result.getSyntaxException() == null) {
            return false;
        }
        var errors = new ArrayList<Map<String, Object>>();
        var code = result.getSyntaxException() != null ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED";
        for (GraphQLError error : result.getErrors()) {
            var locations = error.getLocations() == null ? List.<Map<String, Object>>of()
                    : error.getLocations().stream().map(l -> Map.<String, Object>of("line", l.getLine(), "column", l.getColumn())).toList();
            errors.add(error(error.getMessage(), locations, code));
        }
        if (onlyUnparseable) {
            context.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(Json.encode(Map.of("errors", errors)));
        } else {
            respond(context, errors);
        }
        return true;
    }

}
