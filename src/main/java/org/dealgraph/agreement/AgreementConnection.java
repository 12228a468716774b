package org.dealgraph.agreement;

import java.util.ArrayList;
import java.util.List;

import org.dealgraph.api.Page;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("AgreementConnection")
@Description("A page of agreements (Relay connection).")
public record AgreementConnection(
        @Description("How many agreements match, over all pages.") long totalCount,
        @Description("The agreements of this page with their cursors.") List<Edge> edges,
        @Description("The agreements of this page.") List<Agreement> nodes,
        @Description("Where this page stands.") Page.PageInfo pageInfo) {

    @Type("AgreementEdge")
    public record Edge(String cursor, Agreement node) {
    }

    static AgreementConnection of(long total, List<Agreement> agreements, Page page) {
        var edges = new ArrayList<Edge>();
        for (int i = 0; i < agreements.size(); i++) {
            edges.add(new Edge(page.cursor(i), agreements.get(i)));
        }
        return new AgreementConnection(total, edges, agreements, page.info(total, agreements.size()));
    }
}
