package org.dealgraph.load;

import java.util.List;
import java.util.Objects;

import org.dealgraph.agreement.Agreement;
import org.dealgraph.agreement.AgreementRepository;
import org.dealgraph.agreement.AgreementSelection;
import org.dealgraph.api.Selections;
import org.dealgraph.company.Company;
import org.dealgraph.company.CompanyRepository;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.graphql.api.Context;

/** What a load changed, as the graph now holds it: the fields a client cache updates itself from. */
@GraphQLApi
public class LoadReportResource {

    private final AgreementRepository agreements;
    private final CompanyRepository companies;
    private final Context context;

    LoadReportResource(AgreementRepository agreements, CompanyRepository companies, Context context) {
        this.agreements = agreements;
        this.companies = companies;
        this.context = context;
    }

    @Description("The agreements this load added or changed, as the graph now holds them: a client cache updates itself from "
            + "these. For a dry run, those the graph already holds (unchanged). The first 1,000 changes.")
    public List<Agreement> changedAgreements(@Source LoadReport report) {
        var ids = changed(report, "Agreement");
        return ids.isEmpty() ? List.of()
                : agreements.byIds(ids, AgreementSelection.projection(Selections.of(context))).stream().filter(Objects::nonNull).toList();
    }

    @Description("The companies this load added or changed, as the graph now holds them (for a dry run: those it already holds).")
    public List<Company> changedCompanies(@Source LoadReport report) {
        var ids = changed(report, "Company");
        if (ids.isEmpty()) {
            return List.of();
        }
        var found = companies.byIds(ids);
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    @Description("The agreement as the graph holds it now.")
    public Agreement agreement(@Source DealEvents.AgreementChanged change) {
        return agreements.byIds(List.of(change.agreementId()), AgreementSelection.projection(Selections.of(context))).get(0);
    }

    private static List<String> changed(LoadReport report, String label) {
        return report.changes().stream().filter(c -> c.label().equals(label)).map(LoadReport.Change::id).toList();
    }
}
