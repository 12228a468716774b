package org.dealgraph.agreement;

import java.util.List;

import org.dealgraph.company.Company;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Type;

@Type("Connection")
@Description("The shortest chain of agreements (and parent–subsidiary links) joining two companies.")
public record Chain(
        @Description("How many agreements the chain passes through.") int agreementCount,
        @Description("The companies in order, each with the link to the next.") List<Step> steps) {

    @Type("ConnectionStep")
    @Description("A company on the chain and how it links to the next one.")
    public record Step(
            @Description("The company.") Company company,
            @Description("How this company links to the next; null for the last company.") Relation relation,
            @Description("This company's role in the agreement, for PARTY_TO.") PartyRole role,
            @Description("The agreement leading to the next company, for PARTY_TO.") Agreement agreement) {
    }

    /** How one company of a chain links to the next. */
    @Enum("ConnectionRelation")
    public enum Relation {
        /** Through an agreement both are party to. */
        PARTY_TO,
        /** The company is a subsidiary of the next, or its parent. */
        SUBSIDIARY_OF
    }
}
