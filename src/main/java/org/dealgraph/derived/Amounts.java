package org.dealgraph.derived;

import java.util.List;

import org.dealgraph.value.Confidence;
import org.dealgraph.value.Money;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("DerivedAmount")
@Description("A computed sum, per currency: what is committed, kept apart from what is conditional or only a ceiling.")
public record Amounts(
        @Description("Firm, committed amounts, one per currency.") List<Money> committed,
        @Description("Conditional or optional parts, one per currency: not in 'committed'.") List<Money> conditional,
        @Description("The most it can reach, one per currency: committed plus conditional and 'up to' ceilings.") List<Money> upTo,
        @Description("The weakest confidence among the inputs that counted.") Confidence confidence,
        @Description("How it was computed.") Basis basis) {
}
