package org.dealgraph.derived;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.dealgraph.value.DateValue;
import org.dealgraph.value.Money;
import org.dealgraph.value.Valuation;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("AgreementState")
@Description("An agreement's terms on a date: the terms as made, with every amendment effective by then applied.")
public record AgreementState(
        @Description("The date.") LocalDate asOf,
        @Description("In force on the date: started, not ended, not superseded.") boolean active,
        @Description("Business id of the agreement that superseded it by then, if any.") String supersededBy,
        @Description("Exclusive on the date.") Boolean exclusive,
        @Description("The primary partner on the date.") Boolean primary,
        @Description("Gets first release on the date.") Boolean firstRelease,
        @Description("The supplier may serve on any cloud on the date.") Boolean anyCloud,
        @Description("Binding on the date.") Boolean binding,
        @Description("What it covers on the date.") String scope,
        @Description("Its conditions on the date.") String conditions,
        @Description("Revenue-share rate on the date, in percent.") BigDecimal ratePercent,
        @Description("Stake on the date, in percent.") BigDecimal stakePercent,
        @Description("Cap on payments on the date.") Money cap,
        @Description("When it ends, as known on the date.") DateValue effectiveUntil,
        @Description("For an equity round: the valuation on the date.") Valuation valuation,
        @Description("For an equity round: the whole round's size on the date.") Money roundSize,
        @Description("How these terms were derived.") Basis basis) {
}
