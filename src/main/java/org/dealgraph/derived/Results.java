package org.dealgraph.derived;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.dealgraph.agreement.Agreement.ProductRef;
import org.dealgraph.company.Company;
import org.dealgraph.value.Confidence;
import org.dealgraph.value.DateValue;
import org.dealgraph.value.Money;
import org.dealgraph.value.Valuation;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** The answers of the derived-fact resolvers; each carries its basis. */
public final class Results {

    private Results() {
    }

    @Type("LicenseStatus")
    @Description("An IP license on a date: in force? exclusive? when does it end?")
    public record LicenseStatus(
            @Description("The date asked about.") LocalDate asOf,
            @Description("In force on the date.") boolean active,
            @Description("Exclusive on the date.") Boolean exclusive,
            @Description("When it ends, as known on the date.") DateValue endsOn,
            @Description("Who grants it.") List<Company> licensors,
            @Description("Who holds it.") List<Company> licensees,
            @Description("What it covers on the date.") String scope,
            @Description("The weakest confidence among the inputs that counted.") Confidence confidence,
            @Description("How it was derived.") Basis basis) {
    }

    @Type("RevenueShareStatus")
    @Description("A revenue share on a date: who pays whom, at what rate, up to what cap, until when.")
    public record RevenueShareStatus(
            @Description("The date asked about.") LocalDate asOf,
            @Description("In force on the date.") boolean active,
            @Description("Who pays.") List<Company> payers,
            @Description("Who is paid.") List<Company> payees,
            @Description("The rate on the date, in percent.") BigDecimal ratePercent,
            @Description("The total cap on the date, if any.") Money cap,
            @Description("When it ends, as known on the date.") DateValue until,
            @Description("The weakest confidence among the inputs that counted.") Confidence confidence,
            @Description("How it was derived.") Basis basis) {
    }

    @Type("CloudRight")
    @Description("A cloud on which a company's models or products may be served, by one distribution agreement.")
    public record CloudRight(
            @Description("The cloud provider.") Company provider,
            @Description("The distribution agreement.") String agreementId,
            @Description("The products or platforms concerned.") List<ProductRef> products,
            @Description("What may be served there.") String scope,
            @Description("Exclusive for that scope.") Boolean exclusive,
            @Description("The primary cloud.") Boolean primary,
            @Description("Gets first release.") Boolean firstRelease) {
    }

    @Type("ServingClouds")
    @Description("The clouds on which a company's models may be served on a date, and which one is primary and first.")
    public record ServingClouds(
            @Description("The date asked about.") LocalDate asOf,
            @Description("True when the company may serve on any cloud provider on the date.") boolean anyCloud,
            @Description("The primary cloud on the date.") Company primary,
            @Description("The cloud that gets first release on the date.") Company firstRelease,
            @Description("Each cloud right in force on the date.") List<CloudRight> clouds,
            @Description("The weakest confidence among the inputs that counted.") Confidence confidence,
            @Description("How it was derived.") Basis basis) {
    }

    @Type("StakeOnDate")
    @Description("A holder's stake in a company on a date.")
    public record StakeOnDate(
            @Description("The date asked about.") LocalDate asOf,
            @Description("The stake in percent, or null when none is known on the date.") BigDecimal percent,
            @Description("True when the sources give it only approximately.") boolean approximate,
            @Description("The weakest confidence among the inputs that counted.") Confidence confidence,
            @Description("How it was derived.") Basis basis) {
    }

    @Type("ValuationOnDate")
    @Description("A company's post-money valuation at a round, on a date: as stated, or the pre-money valuation plus the round's size.")
    public record ValuationOnDate(
            @Description("The date asked about.") LocalDate asOf,
            @Description("The post-money valuation.") Money postMoney,
            @Description("The valuation as the sources state it, pre-money or post-money.") Valuation stated,
            @Description("The whole round's size, where known.") Money roundSize,
            @Description("The agreement of the round it comes from.") String agreementId,
            @Description("The weakest confidence among the inputs that counted.") Confidence confidence,
            @Description("How it was derived.") Basis basis) {
    }
}
