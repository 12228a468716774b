package org.dealgraph.company;

import java.util.ArrayList;
import java.util.List;

import org.dealgraph.api.Page;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("CompanyConnection")
@Description("A page of companies (Relay connection).")
public record CompanyConnection(long totalCount, List<Edge> edges, List<Company> nodes, Page.PageInfo pageInfo) {

    @Type("CompanyEdge")
    public record Edge(String cursor, Company node) {
    }

    static CompanyConnection of(long total, List<Company> companies, Page page) {
        var edges = new ArrayList<Edge>();
        for (int i = 0; i < companies.size(); i++) {
            edges.add(new Edge(page.cursor(i), companies.get(i)));
        }
        return new CompanyConnection(total, edges, companies, page.info(total, companies.size()));
    }
}
