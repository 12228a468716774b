package org.dealgraph.research;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /cypher}: a parameterised Cypher statement run in a READ transaction, so the database itself refuses
 * any write. Answers columns and rows as JSON, or CSV when asked for {@code text/csv}, within a time limit and a
 * row limit.
 */
@Path("/cypher")
public class CypherEndpoint {

    public record CypherRequest(String statement, Map<String, Object> parameters) {
    }

    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+) \\(offset: (\\d+)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOAD_CSV = Pattern.compile("(?i)\\bLOAD\\s+CSV\\b");

    private final Driver driver;
    private final CypherConfig config;

    CypherEndpoint(Driver driver, CypherConfig config) {
        this.driver = driver;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response run(CypherRequest request, @jakarta.ws.rs.core.Context HttpHeaders headers) {
        var csv = headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.valueOf("text/csv"))
                && !m.isWildcardType());
        if (request == null || request.statement() == null || request.statement().isBlank()) {
            return error(400, "BAD_REQUEST", "'statement' is required: {\"statement\": \"MATCH (n) RETURN n LIMIT 1\", \"parameters\": {}}", null);
        }
        if (request.statement().length() > config.maxStatementLength()) {
            return error(400, "LIMIT_EXCEEDED", "'statement' is longer than " + config.maxStatementLength() + " characters", null);
        }
        if (LOAD_CSV.matcher(request.statement()).find()) {
            // Not a write, but it reads files and URLs from the database's host: no business of a graph query.
            return error(403, "WRITE_REFUSED", "This endpoint is read-only and reads the graph only: LOAD CSV is refused", null);
        }
        var parameters = request.parameters() == null ? Map.<String, Object>of() : request.parameters();
        var started = System.nanoTime();
        try (var session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            var result = session.executeRead(tx -> {
                var cursor = tx.run(request.statement(), parameters);
                var columns = cursor.keys();
                var rows = new ArrayList<List<Object>>();
                var truncated = false;
                while (cursor.hasNext()) {
                    if (rows.size() == config.maxRows()) {
                        truncated = true;
                        break;
                    }
                    var record = cursor.next();
                    var row = new ArrayList<Object>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        row.add(CypherValues.json(record.get(i)));
                    }
                    rows.add(row);
                }
                return new Object[] {columns, rows, truncated};
            }, TransactionConfig.builder().withTimeout(config.timeout()).build());
            @SuppressWarnings("unchecked")
            var columns = (List<String>) result[0];
            @SuppressWarnings("unchecked")
            var rows = (List<List<Object>>) result[1];
            var truncated = (boolean) result[2];
            if (csv) {
                var text = new StringBuilder(String.join(",", columns.stream().map(c -> CypherValues.csv(c, JSON)).toList())).append("\r\n");
                for (var row : rows) {
                    text.append(String.join(",", row.stream().map(v -> CypherValues.csv(v, JSON)).toList())).append("\r\n");
                }
                return Response.ok(text.toString(), "text/csv").header("X-Rows-Truncated", truncated)
                        .header("X-Row-Limit", config.maxRows()).build();
            }
            var body = new LinkedHashMap<String, Object>();
            body.put("columns", columns);
            body.put("rows", rows);
            body.put("rowCount", rows.size());
            body.put("truncated", truncated);
            body.put("rowLimit", config.maxRows());
            body.put("millis", (System.nanoTime() - started) / 1_000_000);
            return Response.ok(body, MediaType.APPLICATION_JSON).build();
        } catch (ClientException e) {
            return clientError(e);
        } catch (TransientException e) {
            if (isTimeout(e)) {
                return error(408, "TIMEOUT", "The statement ran longer than " + config.timeout().toMillis() + " ms and was terminated", null);
            }
            return error(503, "DATABASE_UNAVAILABLE", "The database could not run the statement now; try again", null);
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            return error(503, "DATABASE_UNAVAILABLE", "The database is unavailable; try again shortly", null);
        } catch (Neo4jException e) {
            return error(400, "CYPHER_ERROR", firstLine(e.getMessage()), position(e.getMessage()));
        }
    }

    private Response clientError(ClientException e) {
        var code = String.valueOf(e.code());
        if (isTimeout(e)) {
            return error(408, "TIMEOUT", "The statement ran longer than " + config.timeout().toMillis() + " ms and was terminated", null);
        }
        if (code.contains("AccessMode") || code.contains("Forbidden") || String.valueOf(e.getMessage()).contains("read access mode")
                || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("not allowed")) {
            return error(403, "WRITE_REFUSED", "This endpoint is read-only; the database refused the statement: "
                    + firstLine(e.getMessage()), null);
        }
        if (code.contains("SyntaxError")) {
            return error(400, "SYNTAX_ERROR", e.getMessage(), position(e.getMessage()));
        }
        if (code.contains("ParameterMissing")) {
            return error(400, "PARAMETER_MISSING", firstLine(e.getMessage()), null);
        }
        return error(400, "CYPHER_ERROR", firstLine(e.getMessage()), position(e.getMessage()));
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

    private static Response error(int status, String code, String message, Map<String, Object> position) {
        var error = new HashMap<String, Object>();
        error.put("code", code);
        error.put("message", message);
        if (position != null) {
            error.put("position", position);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", error)).build();
    }
}
