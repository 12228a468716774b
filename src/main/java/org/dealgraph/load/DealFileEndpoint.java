package org.dealgraph.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.security.Callers;

/** {@code POST /deals}: the body is one deal file (YAML or JSON); the answer its load report. */
@Path("/deals")
public class DealFileEndpoint {

    private final DealService deals;
    private final Callers callers;

    DealFileEndpoint(DealService deals, Callers callers) {
        this.deals = deals;
        this.callers = callers;
    }

    /** 401 without a valid credential, 403 without the curator role; null when the caller may write. */
    public static Response refusal(Callers callers, String mediaType) {
        try {
            callers.requireCurator();
            return null;
        } catch (ApiErrors.Unauthorized e) {
            return Response.status(401).header("WWW-Authenticate", "Bearer realm=\"dealgraph\"").type(mediaType)
                    .entity(body(mediaType, "UNAUTHORIZED", e.getMessage())).build();
        } catch (ApiErrors.Forbidden e) {
            return Response.status(403).type(mediaType).entity(body(mediaType, "FORBIDDEN", e.getMessage())).build();
        }
    }

    public static Object body(String mediaType, String code, String message) {
        return MediaType.TEXT_PLAIN.equals(mediaType) ? message : Map.of("code", code, "message", message);
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response load(InputStream content, @QueryParam("file") @DefaultValue("request") String file,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @Context HttpHeaders headers) throws IOException {
        // A report for people (text/plain) when asked for by name; JSON otherwise, "*/*" included.
        var text = headers.getAcceptableMediaTypes().stream().findFirst()
                .filter(m -> !m.isWildcardType() && m.isCompatible(MediaType.TEXT_PLAIN_TYPE)).isPresent();
        var mediaType = text ? MediaType.TEXT_PLAIN : MediaType.APPLICATION_JSON;
        var refused = refusal(callers, mediaType);
        if (refused != null) {
            return refused;
        }
        // Spooled to disk: the load reads the file twice (to check it, then to write it) and holds neither in memory.
        var spooled = Files.createTempFile("dealgraph-load-", ".deal");
        try {
            if (content != null) {
                Files.copy(content, spooled, StandardCopyOption.REPLACE_EXISTING);
            }
            return respond(spooled, file, dryRun, mediaType);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private Response respond(java.nio.file.Path spooled, String file, boolean dryRun, String mediaType) {
        var notUtf8 = deals.notUtf8(file, spooled);
        if (notUtf8.isPresent()) {
            return answer(400, notUtf8.get(), mediaType);
        }
        LoadReport report;
        try {
            report = deals.loadUtf8(file, spooled, dryRun);
        } catch (ApiErrors.DatabaseUnavailable e) {
            // The database went away before or while the load's one transaction ran; loading the file again is safe (idempotent).
            return Response.status(503).header("Retry-After", "5").type(mediaType)
                    .entity(body(mediaType, "DATABASE_UNAVAILABLE", e.getMessage() + "; " + file + " was not loaded: send it again")).build();
        }
        return answer(report.outcome() == LoadReport.Outcome.REJECTED ? 422 : 200, report, mediaType);
    }

    private static Response answer(int status, LoadReport report, String mediaType) {
        return Response.status(status).type(mediaType)
                .entity(MediaType.TEXT_PLAIN.equals(mediaType) ? report.summary() : report).build();
    }
}
