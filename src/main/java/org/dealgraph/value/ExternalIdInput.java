package org.dealgraph.value;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ExternalIdInput")
@Description("An identifier of another data set to look a company or person up by.")
public record ExternalIdInput(@NonNull @Description("Which data set.") ExternalIdScheme scheme,
        @NonNull @Description("The identifier, as that data set writes it (Q2283, a 20-character LEI, a Crunchbase permalink).") String value) {
}
