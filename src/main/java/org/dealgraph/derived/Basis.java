package org.dealgraph.derived;

import java.util.List;

import org.dealgraph.source.SourceClaim;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.DateValue;
import org.dealgraph.value.Money;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Type;

@Type("Basis")
@Description("Why a derived value is what it is: the rule applied, the agreements and amendments it was computed from "
        + "(with the role each played) and their sources. Its confidence is the weakest among the inputs that counted.")
public record Basis(
        @Description("The rule applied, in one line, e.g. 'USD 38B (2025-11-03) + USD 100B expansion (2026-02-27) = USD 138B'.") String rule,
        @Description("The weakest confidence among the inputs that counted.") Confidence confidence,
        @Description("Every agreement or amendment considered, including those excluded, and why.") List<Input> inputs) {

    @Enum("BasisRole")
    public enum Role {
        @Description("Its amount was added.")
        SUMMED,
        @Description("Its terms apply on the date.")
        APPLIED,
        @Description("An amendment that changed a term on or before the date.")
        AMENDED,
        @Description("An 'up to' amount: a maximum, not summed as committed.")
        EXCLUDED_CEILING,
        @Description("A conditional or optional part: not summed as committed.")
        EXCLUDED_CONDITIONAL,
        @Description("Not binding (a memorandum or letter of intent): not summed.")
        EXCLUDED_NOT_BINDING,
        @Description("Replaced by a later agreement on or before the date.")
        SUPERSEDED,
        @Description("Not in force on the date: not yet effective, or ended.")
        OUTSIDE_DATE,
        @Description("Has no term or amount the rule needs.")
        EXCLUDED_INCOMPLETE
    }

    @Type("BasisInput")
    @Description("One agreement or amendment a derived value considered.")
    public record Input(
            @Description("Business id of the agreement (for an amendment: the amending agreement).") String agreementId,
            @Description("Its title.") String title,
            @Description("The role it played.") Role role,
            @Description("What it contributed, or why it was left out.") String detail,
            @Description("The amount it contributed or that was left out, where one is involved.") Money amount,
            @Description("The date that mattered: when it was announced, took effect or changed a term.") DateValue date,
            @Description("How sure the input is, for the facts used.") Confidence confidence,
            @Description("Its sources.") List<SourceClaim> sources) {

        boolean counts() {
            return role == Role.SUMMED || role == Role.APPLIED || role == Role.AMENDED;
        }
    }

    public static Basis of(String rule, List<Input> inputs) {
        var confidence = inputs.stream().filter(Input::counts).map(Input::confidence)
                .reduce(Confidence::weakest).orElse(Confidence.INFERRED);
        return new Basis(rule, confidence, List.copyOf(inputs));
    }
}
