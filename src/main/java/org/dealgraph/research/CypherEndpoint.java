package org.dealgraph.research;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.security.Callers;
import org.neo4j.driver.Result;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.neo4j.driver.summary.ResultSummary;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /cypher}: one parameterised Cypher statement for researchers. Neo4j plans it first ({@code EXPLAIN},
 * in the same READ transaction) and {@link StatementPolicy} decides from that plan whether it may run; it then runs
 * in that READ transaction, within a time limit and a row limit, answering columns and rows as JSON, or CSV when
 * asked for {@code text/csv}. Production asks for a reader or curator token; every client has a rate limit.
 */
@Path("/cypher")
public class CypherEndpoint {

    public record CypherRequest(String statement, Map<String, Object> parameters) {
    }

    /** What a statement answered, or why it was refused before it ran. */
    private record Answer(List<String> columns, List<List<Object>> rows, String truncatedBy, StatementPolicy.Refusal refusal) {
        boolean truncated() {
            return truncatedBy != null;
        }
    }

    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+) \\(offset: (\\d+)\\)");
    /** The plan is asked for with the statement on the line below this prefix, so positions shift by one line. */
    private static final String EXPLAIN = "EXPLAIN\n";

    /** The database would not plan the statement (syntax, unknown procedure, …): its error, positions as sent. */
    private static final class NotPlanned extends RuntimeException {
        private final ClientException cause;

        NotPlanned(ClientException cause) {
            super(cause);
            this.cause = cause;
        }
    }
    /** Past the database's transaction memory limit: transient to the driver, which would retry it to no end. */
    private static final class MemoryLimited extends RuntimeException {
        private final Neo4jException cause;

        MemoryLimited(Neo4jException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType CSV = MediaType.valueOf("text/csv");

    private final ResearchDatabase database;
    private final StatementPolicy policy;
    private final ResearchLimits limits;
    private final Callers callers;
    private final CypherConfig config;

    CypherEndpoint(ResearchDatabase database, StatementPolicy policy, ResearchLimits limits, Callers callers, CypherConfig config) {
        this.database = database;
        this.policy = policy;
        this.limits = limits;
        this.callers = callers;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response run(CypherRequest request, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        var unauthorized = unauthorized(config, callers);
        if (unauthorized != null) {
            return unauthorized;
        }
        if (request == null || request.statement() == null || request.statement().isBlank()) {
            return error(400, "BAD_REQUEST", "'statement' is required: {\"statement\": \"MATCH (n) RETURN n LIMIT 1\", \"parameters\": {}}", null);
        }
        if (request.statement().length() > config.maxStatementLength()) {
            return limitError(400, "length", "'statement' is longer than " + config.maxStatementLength() + " characters",
                    (long) config.maxStatementLength(), request.statement().length());
        }
        var parameters = request.parameters() == null ? Map.<String, Object>of() : request.parameters();
        var started = System.nanoTime();
        Answer answer;
        var client = ResearchLimits.client(callers, http);
        try {
            answer = await(STATEMENTS.submit(() -> limits.call(client, () -> execute(request.statement(), parameters))));
        } catch (StillRunning e) {
            return timeout();
        } catch (ResearchLimits.Refused e) {
            return refused(e);
        } catch (MemoryLimited e) {
            return memory(e.cause);
        } catch (NotPlanned e) {
            return clientError(e.cause, true);
        } catch (ClientException e) {
            return clientError(e, false);
        } catch (TransientException e) {
            if (isTimeout(e)) {
                return timeout();
            }
            if (isMemory(e)) {
                return memory(e);
            }
            return error(503, "DATABASE_UNAVAILABLE", "The database could not run the statement now; try again", null);
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            return error(503, "DATABASE_UNAVAILABLE", "The database is unavailable; try again shortly", null);
        } catch (Neo4jException e) {
            return error(400, "CYPHER_ERROR", firstLine(e.getMessage()), position(e.getMessage()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return answer(answer, headers, started);
    }

    /** Statements run on threads of their own, so that the answer comes within 1.5× the limit whatever the database does. */
    private static final ExecutorService STATEMENTS = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "cypher-statement");
        thread.setDaemon(true);
        return thread;
    });

    /** The statement outlived 1.25× its limit: Neo4j checks the limit between rows, and some work is one long row. */
    private static final class StillRunning extends RuntimeException {
        StillRunning() {
            super(null, null, false, false);
        }
    }

    /**
     * The statement's answer, or its failure as thrown. Past 1.25× the time limit the client is answered and the statement
     * keeps its slot (its client's share and the total) until the database has ended it, so what Neo4j cannot interrupt
     * still counts against the concurrency limits.
     */
    private Answer await(Future<Answer> running) throws Exception {
        try {
            return running.get(config.timeout().toMillis() * 5 / 4, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StillRunning();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /** The statement's rows as JSON or CSV, or its refusal. */
    private Response answer(Answer answer, HttpHeaders headers, long started) {
        if (answer.refusal() != null) {
            var refusal = answer.refusal();
            var body = new LinkedHashMap<String, Object>();
            body.put("code", refusal.code());
            body.put("message", refusal.message());
            body.put("refused", refusal.refused());
            return Response.status(403).type(MediaType.APPLICATION_JSON).entity(Map.of("error", body)).build();
        }
        if (headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(CSV) && !m.isWildcardType())) {
            return csv(answer);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("columns", answer.columns());
        body.put("rows", answer.rows());
        body.put("rowCount", answer.rows().size());
        body.put("truncated", answer.truncated());
        if (answer.truncated()) {
            body.put("truncatedBy", answer.truncatedBy());
        }
        body.put("rowLimit", config.maxRows());
        body.put("byteLimit", config.maxBytes().asLongValue());
        body.put("millis", (System.nanoTime() - started) / 1_000_000);
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /** The plan is asked for and judged in the very transaction that then runs the statement. */
    private Answer execute(String statement, Map<String, Object> parameters) {
        try (var session = database.readSession()) {
            var pluginFunctions = database.pluginFunctions();
            return session.executeRead(tx -> {
                ResultSummary explained;
                try {
                    explained = tx.run(EXPLAIN + statement, parameters).consume();
                } catch (ClientException e) {
                    throw new NotPlanned(e);
                }
                var refusal = policy.check(explained, pluginFunctions);
                if (refusal.isPresent()) {
                    return new Answer(List.of(), List.of(), null, refusal.get());
                }
                try {
                    return rows(tx.run(statement, parameters));
                } catch (TransientException | ClientException e) {
                    if (isMemory(e)) {
                        throw new MemoryLimited(e);
                    }
                    throw e;
                }
            }, TransactionConfig.builder().withTimeout(config.timeout()).build());
        }
    }

    /** The rows of a statement that ran, up to the row limit and the byte limit. */
    private Answer rows(Result cursor) {
        var columns = cursor.keys();
        var rows = new ArrayList<List<Object>>();
        String truncatedBy = null;
        long bytes = 0;
        long maxBytes = config.maxBytes().asLongValue();
        while (cursor.hasNext()) {
            if (rows.size() == config.maxRows()) {
                truncatedBy = "rows";
                break;
            }
            var record = cursor.next();
            var row = new ArrayList<Object>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                row.add(CypherValues.json(record.get(i)));
            }
            bytes += CypherValues.bytes(row);
            if (bytes > maxBytes) {
                truncatedBy = "bytes";
                break;
            }
            rows.add(row);
        }
        return new Answer(columns, rows, truncatedBy, null);
    }

    private Response csv(Answer answer) {
        var text = new StringBuilder(String.join(",", answer.columns().stream().map(c -> CypherValues.csv(c, JSON)).toList())).append("\r\n");
        for (var row : answer.rows()) {
            text.append(String.join(",", row.stream().map(v -> CypherValues.csv(v, JSON)).toList())).append("\r\n");
        }
        var response = Response.ok(text.toString(), "text/csv").header("X-Rows-Truncated", answer.truncated())
                .header("X-Row-Limit", config.maxRows()).header("X-Byte-Limit", config.maxBytes().asLongValue());
        return (answer.truncated() ? response.header("X-Truncated-By", answer.truncatedBy()) : response).build();
    }

    private Response clientError(ClientException e, boolean planned) {
        var code = String.valueOf(e.code());
        var message = planned ? unshift(String.valueOf(e.getMessage())) : String.valueOf(e.getMessage());
        if (isTimeout(e)) {
            return timeout();
        }
        if (isMemory(e)) {
            return memory(e);
        }
        if (e instanceof SecurityException) {
            return error(503, "DATABASE_UNAVAILABLE", "The endpoint could not sign in to the database: " + firstLine(e.getMessage()), null);
        }
        if (code.contains("AccessMode") || code.contains("Forbidden") || String.valueOf(e.getMessage()).contains("read access mode")) {
            // The policy refuses writes from the plan; this is the database saying the same, should a plan ever pass.
            return error(403, "WRITE_REFUSED", "This endpoint is read-only; the database refused the statement: "
                    + firstLine(e.getMessage()), null);
        }
        if (code.contains("SyntaxError")) {
            return error(400, "SYNTAX_ERROR", message, position(message));
        }
        if (code.contains("ParameterMissing")) {
            return error(400, "PARAMETER_MISSING", firstLine(message), null);
        }
        if (code.contains("ProcedureNotFound")) {
            var name = QUOTED.matcher(message);
            var body = new LinkedHashMap<String, Object>();
            body.put("code", "PROCEDURE_REFUSED");
            body.put("message", "No such procedure, and none but the allow-listed " + config.allowedProcedures()
                    + " may be called: " + firstLine(message));
            body.put("refused", name.find() ? name.group(1) : "unknown procedure");
            return Response.status(403).type(MediaType.APPLICATION_JSON).entity(Map.of("error", body)).build();
        }
        return error(400, "CYPHER_ERROR", firstLine(message), position(message));
    }

    /** Positions in an error about {@code EXPLAIN\n<statement>}, told as positions in the statement sent. */
    private static String unshift(String message) {
        return POSITION.matcher(message).replaceAll(m -> "line " + Math.max(1, Integer.parseInt(m.group(1)) - 1) + ", column "
                + m.group(2) + " (offset: " + Math.max(0, Integer.parseInt(m.group(3)) - EXPLAIN.length()) + ")");
    }

    private Response timeout() {
        return limitError(408, "timeout", "The statement ran longer than " + config.timeout().toMillis() + " ms and was terminated",
                (Long) config.timeout().toMillis(), null);
    }

    /** Neo4j's transaction memory limits (db.memory.transaction.max, dbms.memory.transaction.total.max) stopped it. */
    private static boolean isMemory(Neo4jException e) {
        var code = String.valueOf(e.code());
        return code.contains("MemoryLimit") || code.contains("MemoryPool") || code.contains("OutOfMemory")
                || String.valueOf(e.getMessage()).contains("memory.transaction");
    }

    private static Response memory(Neo4jException e) {
        return limitError(400, "memory", "The statement needed more memory than the database allows a transaction: "
                + firstLine(e.getMessage()), null, null);
    }

    private static boolean isTimeout(Neo4jException e) {
        var code = String.valueOf(e.code());
        return code.contains("TransactionTimedOut") || code.contains("Terminated") && String.valueOf(e.getMessage()).contains("timeout");
    }

    private static Map<String, Object> position(String message) {
        var m = POSITION.matcher(String.valueOf(message));
        if (!m.find()) {
            return null;
        }
        return Map.of("line", Integer.parseInt(m.group(1)), "column", Integer.parseInt(m.group(2)), "offset", Integer.parseInt(m.group(3)));
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }

    /** A limit's refusal; {@code maximum} null where the database holds the limit and the endpoint cannot tell it. */
    private static Response limitError(int status, String limit, String message, Long maximum, Object measured) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", "LIMIT_EXCEEDED");
        error.put("limit", limit);
        if (maximum != null) {
            error.put("maximum", maximum);
        }
        if (measured != null) {
            error.put("measured", measured);
        }
        error.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", error)).build();
    }

    /** 401 when the service asks researchers for a token ({@code /cypher}, the exports) and the caller has none; else null. */
    static Response unauthorized(CypherConfig config, Callers callers) {
        if (!config.requireToken()) {
            return null;
        }
        try {
            callers.requireReader();
            return null;
        } catch (ApiErrors.Unauthorized e) {
            return Response.fromResponse(error(401, "UNAUTHORIZED", e.getMessage(), null))
                    .header("WWW-Authenticate", "Bearer realm=\"dealgraph\"").build();
        }
    }

    /** 429 for a statement or an export a limit refused, with when to try again. */
    static Response refused(ResearchLimits.Refused e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("code", "LIMIT_EXCEEDED");
        body.put("limit", e.limit());
        body.put("message", e.getMessage());
        return Response.status(429).type(MediaType.APPLICATION_JSON).header("Retry-After", e.retryAfterSeconds())
                .entity(Map.of("error", body)).build();
    }

    static Response error(int status, String code, String message, Map<String, Object> position) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code);
        error.put("message", message);
        if (position != null) {
            error.put("position", position);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", error)).build();
    }
}
