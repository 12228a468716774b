package org.dealgraph.load;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.dealgraph.dealfile.InvalidDealFileException;
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

    private static int firstInvalidByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(bytes);
        var out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : -1;
    }

    public static Object body(String mediaType, String code, String message) {
        return MediaType.TEXT_PLAIN.equals(mediaType) ? message : Map.of("code", code, "message", message);
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response load(byte[] content, @QueryParam("file") @DefaultValue("request") String file,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @Context HttpHeaders headers) {
        // A report for people (text/plain) when asked for by name; JSON otherwise, "*/*" included.
        var text = headers.getAcceptableMediaTypes().stream().findFirst()
                .filter(m -> !m.isWildcardType() && m.isCompatible(MediaType.TEXT_PLAIN_TYPE)).isPresent();
        return respond(content, file, dryRun, text ? MediaType.TEXT_PLAIN : MediaType.APPLICATION_JSON);
    }

    private Response respond(byte[] bytes, String file, boolean dryRun, String mediaType) {
        var refused = refusal(callers, mediaType);
        if (refused != null) {
            return refused;
        }
        String content;
        try {
            // Strictly: a lenient decoder would store U+FFFD in place of every byte it could not read.
            content = bytes == null ? "" : StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            var report = LoadReport.rejected(file, List.of(new InvalidDealFileException.Problem("(file)",
                    "is not valid UTF-8: byte " + firstInvalidByte(bytes) + " cannot be read; save the file as UTF-8")), 0);
            return Response.status(400).type(mediaType).entity(MediaType.TEXT_PLAIN.equals(mediaType) ? report.summary() : report).build();
        }
        LoadReport report;
        try {
            report = deals.load(file, content, dryRun);
        } catch (ApiErrors.DatabaseUnavailable e) {
            // The database went away before or while the load's one transaction ran; loading the file again is safe (idempotent).
            return Response.status(503).header("Retry-After", "5").type(mediaType)
                    .entity(body(mediaType, "DATABASE_UNAVAILABLE", e.getMessage() + "; " + file + " was not loaded: send it again")).build();
        }
        var status = report.outcome() == LoadReport.Outcome.REJECTED ? 422 : 200;
        return Response.status(status).type(mediaType)
                .entity(MediaType.TEXT_PLAIN.equals(mediaType) ? report.summary() : report).build();
    }
}
