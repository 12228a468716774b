package org.dealgraph.export;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.dealgraph.api.ApiErrors;
import org.dealgraph.dealfile.DealFile;
import org.dealgraph.load.DealFileEndpoint;
import org.dealgraph.security.Callers;

/**
 * {@code GET /deals/export[?company=ID]}: the graph, or one company's deals, as a deal file (YAML), for curators;
 * {@code GET /deals/export?format=neo4j-admin}: the whole graph as the CSV and header files of
 * {@code neo4j-admin database import full}, in a zip, streamed as it is read.
 */
@Path("/deals/export")
public class DealExportEndpoint {

    private final DealExport export;
    private final AdminImportExport importFiles;
    private final Callers callers;

    DealExportEndpoint(DealExport export, AdminImportExport importFiles, Callers callers) {
        this.export = export;
        this.importFiles = importFiles;
        this.callers = callers;
    }

    @GET
    public Response export(@QueryParam("company") String company, @QueryParam("format") String format) {
        var refused = DealFileEndpoint.refusal(callers, MediaType.TEXT_PLAIN);
        if (refused != null) {
            return refused;
        }
        if (company != null && !company.matches(DealFile.ID)) {
            // The id becomes the file's name in Content-Disposition: only a business id's characters get there.
            return badArgument("company", DealFile.ID_MESSAGE);
        }
        if (format == null || format.equals("yaml")) {
            var name = company == null ? "dealgraph-export.yaml" : company + "-deals.yaml";
            return Response.ok(export.yaml(company).getBytes(StandardCharsets.UTF_8), "application/yaml; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
        }
        if (!format.equals("neo4j-admin")) {
            return badArgument("format", "must be yaml (a deal file, the default) or neo4j-admin (CSV files for neo4j-admin database import full), not '" + format + "'");
        }
        if (company != null) {
            return badArgument("company", "cannot be given with format=neo4j-admin: neo4j-admin imports a whole database; one company's deals export as a deal file");
        }
        AdminImportExport.Export files;
        try {
            files = importFiles.open();
        } catch (AdminImportExport.NotImportable e) {
            return refused(409, "CONFLICT", e.getMessage());
        }
        StreamingOutput body = out -> {
            try (files) {
                files.writeTo(out);
            }
        };
        return Response.ok(body, "application/zip").header("Content-Disposition", "attachment; filename=\"dealgraph-neo4j-admin-import.zip\"").build();
    }

    private static Response badArgument(String argument, String problem) {
        return refused(400, "BAD_ARGUMENT", new ApiErrors.BadArgument(argument, problem).getMessage());
    }

    private static Response refused(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(DealFileEndpoint.body(MediaType.APPLICATION_JSON, code, message)).build();
    }
}
