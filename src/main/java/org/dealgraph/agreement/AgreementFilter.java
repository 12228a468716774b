package org.dealgraph.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.dealgraph.value.Confidence;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("AgreementFilter")
@Description("Which agreements to list; every condition given must hold.")
public record AgreementFilter(
        @Description("Only these kinds.") List<AgreementKind> kinds,
        @Description("Only agreements this company (business id) is party to.") String party,
        @Description("Only agreements with a party in this role (with 'party': that company in this role).") PartyRole role,
        @Description("Announced on or after this date.") LocalDate announcedFrom,
        @Description("Announced on or before this date.") LocalDate announcedTo,
        @PositiveOrZero @Description("Headline amount at least this much (in its currency).") BigDecimal minAmount,
        @PositiveOrZero @Description("Headline amount at most this much (in its currency).") BigDecimal maxAmount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") @Description("Headline amount in this currency.") String currency,
        @Description("At least this confident: some source STATED, REPORTED or INFERRED it, strongest first.") Confidence minConfidence) {
}
