package org.dealgraph.deal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dealgraph.security.TokenIdentityProvider;

/** {@code POST /deals}: the body is one deal file (YAML or JSON); the answer its load report. */
@Path("/deals")
public class DealFileEndpoint {

    private final DealService deals;

    DealFileEndpoint(DealService deals) {
        this.deals = deals;
    }

    @POST
    @RolesAllowed(TokenIdentityProvider.CURATOR)
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response load(String content, @QueryParam("file") @DefaultValue("request") String file,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        var report = deals.load(file, content == null ? "" : content, dryRun);
        return Response.status(report.outcome() == LoadReport.Outcome.REJECTED ? 422 : 200).entity(report).build();
    }

    @POST
    @RolesAllowed(TokenIdentityProvider.CURATOR)
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.TEXT_PLAIN)
    public Response loadForPeople(String content, @QueryParam("file") @DefaultValue("request") String file,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        var report = deals.load(file, content == null ? "" : content, dryRun);
        return Response.status(report.outcome() == LoadReport.Outcome.REJECTED ? 422 : 200).entity(report.summary()).build();
    }
}
