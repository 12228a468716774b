package org.dealgraph.research;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.research.NetworkFormats.Format;
import org.dealgraph.security.Callers;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /research/export?format=graphml|csv|jsonld[&company=ID][&asOf=DATE][&knownAsOf=DATETIME]}: the graph,
 * or one company's neighbourhood, as a network for analysis ({@link NetworkExport}), streamed as it is read. Asks for a
 * reader token where {@code /cypher} does, and takes one of the same slots (rate and concurrency per client) while it
 * streams. {@code GET /research/context.jsonld}: the JSON-LD context the exports carry inline.
 */
@Path("/research")
public class NetworkExportEndpoint {

    private static final Logger LOG = Logger.getLogger(NetworkExportEndpoint.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final NetworkExport export;
    private final ResearchLimits limits;
    private final Callers callers;
    private final CypherConfig config;

    NetworkExportEndpoint(NetworkExport export, ResearchLimits limits, Callers callers, CypherConfig config) {
        this.export = export;
        this.limits = limits;
        this.callers = callers;
        this.config = config;
    }

    @GET
    @Path("/context.jsonld")
    @Produces("application/ld+json")
    public Map<String, Object> context() {
        return Map.of("@context", NetworkFormats.CONTEXT);
    }

    @GET
    @Path("/export")
    public Response export(@QueryParam("format") String format, @QueryParam("company") String company,
            @QueryParam("asOf") String asOf, @QueryParam("knownAsOf") String knownAsOf, @Context HttpServerRequest http) {
        var unauthorized = CypherEndpoint.unauthorized(config, callers);
        if (unauthorized != null) {
            return unauthorized;
        }
        Format chosen;
        try {
            chosen = Format.valueOf(String.valueOf(format).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return badArgument("format", "must be graphml, csv or jsonld, not '" + format + "'");
        }
        if (company != null && !ID.matcher(company).matches()) {
            return badArgument("company", "must be a business id (lowercase letters, digits, '.', '_' and '-'), not '" + company + "'");
        }
        LocalDate day = null;
        OffsetDateTime moment = null;
        try {
            day = asOf == null ? null : LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            return badArgument("asOf", "must be a date (YYYY-MM-DD), not '" + asOf + "'");
        }
        try {
            moment = knownAsOf == null ? null : OffsetDateTime.parse(knownAsOf);
        } catch (DateTimeParseException e) {
            return badArgument("knownAsOf", "must be a date and time with its offset (2026-05-01T12:00:00Z), not '" + knownAsOf + "'");
        }
        ResearchLimits.Permit permit;
        try {
            permit = limits.admit(ResearchLimits.client(callers, http));
        } catch (ResearchLimits.Refused e) {
            return CypherEndpoint.refused(e);
        }
        NetworkExport.Opened opened;
        try {
            opened = export.open(new NetworkExport.Scope(company, day, moment));
        } catch (ApiErrors.NotFound e) {
            permit.close();
            return CypherEndpoint.error(404, "NOT_FOUND", e.getMessage(), null);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
        StreamingOutput body = out -> {
            try (permit; opened) {
                opened.writeTo(NetworkFormats.of(chosen, out));
            } catch (java.io.IOException e) {
                throw e;
            } catch (Exception e) {
                // The status is sent: a failure now (the export's time limit, the database gone) can only end the body early.
                LOG.warnf("An export (%s) ended early: %s", chosen, e.getMessage());
                throw new java.io.IOException("The export ended early: " + e.getMessage(), e);
            }
        };
        var name = "dealgraph" + (company == null ? "" : "-" + company) + "." + chosen.extension;
        return Response.ok(body, chosen.mediaType).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static Response badArgument(String argument, String problem) {
        return CypherEndpoint.error(400, "BAD_ARGUMENT", new ApiErrors.BadArgument(argument, problem).getMessage(), null);
    }
}
