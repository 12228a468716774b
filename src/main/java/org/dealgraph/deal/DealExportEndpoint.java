package org.dealgraph.deal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.dealgraph.security.Callers;

/** {@code GET /deals/export[?company=ID]}: the graph, or one company's deals, as a deal file (YAML), for curators. */
@Path("/deals/export")
public class DealExportEndpoint {

    private final DealExport export;
    private final Callers callers;

    DealExportEndpoint(DealExport export, Callers callers) {
        this.export = export;
        this.callers = callers;
    }

    @GET
    @Produces("application/yaml; charset=utf-8")
    public Response export(@QueryParam("company") String company) {
        var refused = DealFileEndpoint.refusal(callers, jakarta.ws.rs.core.MediaType.TEXT_PLAIN);
        if (refused != null) {
            return refused;
        }
        var name = company == null ? "dealgraph-export.yaml" : company + "-deals.yaml";
        return Response.ok(export.yaml(company).getBytes(java.nio.charset.StandardCharsets.UTF_8)).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
