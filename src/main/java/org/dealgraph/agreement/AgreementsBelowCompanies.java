package org.dealgraph.agreement;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.dealgraph.company.BelowCompanies;

import graphql.schema.DataFetchingFieldSelectionSet;

/** The agreements a request selects under companies, read in the companies' own statement (see {@link CompanyAgreements}). */
@ApplicationScoped
class AgreementsBelowCompanies implements BelowCompanies {

    @Override
    public Optional<Asked> selectedUnder(DataFetchingFieldSelectionSet selection, boolean connection) {
        return CompanyAgreements.selectedUnder(selection, connection);
    }
}
